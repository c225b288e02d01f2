/**
 * How much of an answer the app reads. PunchPlay's answers are a few kilobytes;
 * a proxy's error page, a captive portal or a broken server can send megabytes
 * or never stop, and a TV has little memory to spare.
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** The name of the error `HttpResponse.text()` rejects with when a body runs past the limit. */
export const BODY_TOO_LARGE = 'BodyTooLargeError'

/** PunchPlay's error object is a few fields: a longer error body is not parsed, only cut. */
export const MAX_ERROR_BODY_CHARS = 64 * 1024
