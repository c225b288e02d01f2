export interface FontFile {
  readonly family: string
  readonly url: string
  readonly descriptors: FontFaceDescriptors
}

/**
 * Starts every font download at once and resolves when all are in. The SDK's
 * own loader fetches them one after the other, and the app is built only
 * after the last: at start-up that chain was the longest wait before the code.
 */
export function loadFonts(files: readonly FontFile[], fonts: FontFaceSet): Promise<void> {
  return Promise.all(
    files.map((file) => {
      const face = new FontFace(file.family, `url(${file.url})`, file.descriptors)
      fonts.add(face)
      return face.load()
    }),
  ).then(() => undefined)
}
