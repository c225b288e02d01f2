/** A token, refresh token or device code the app must never print. */
export const TOKENISH = /\bpp(?:at|rt)_[A-Za-z0-9_-]{8,}|"device_code"\s*:\s*"[^"]/
