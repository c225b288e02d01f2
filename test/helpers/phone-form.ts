/** A phone page as a browser holds it: the page, its form cookie and the form's CSRF token. */
export interface PhoneForm {
  status: number
  body: string
  cookie: string
  token: string
}

/** Opens a phone page that carries a form, as the phone's browser would. */
export async function openPhoneForm(url: string): Promise<PhoneForm> {
  const response = await fetch(url)
  const body = await response.text()
  const token = /name="csrf_token" value="([^"]+)"/.exec(body)?.[1]
  if (!token) throw new Error(`phone page answered ${response.status} without a form`)
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ')
  return { status: response.status, body, cookie, token }
}

/** Submits `fields` from that page: its token in the form, its cookie alongside. */
export function postPhoneForm(
  url: string,
  form: PhoneForm,
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    body: new URLSearchParams({ ...fields, csrf_token: form.token }).toString(),
    redirect: 'manual',
  })
}
