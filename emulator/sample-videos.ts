import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { fileURLToPath } from 'node:url'

/**
 * The catalog's sample titles, served here rather than shipped in the app: a
 * TV package stays small, and the samples only show against a loopback
 * PunchPlay (this emulator) anyway. Byte ranges, so players can seek; a
 * <video> needs no CORS header, whatever origin the app runs from.
 */
export async function sampleVideos(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./videos/', import.meta.url)),
    prefix: '/videos/',
    decorateReply: false,
    index: false,
  })
}
