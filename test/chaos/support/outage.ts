import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP relay in front of the emulator that can go away and come back on the
 * same port: "offline" as a TV sees it (connection refused), on loopback only.
 */
export class Outage {
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  port = 0

  constructor(private readonly target: { host: string; port: number }) {}

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api/platform/v1`
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host)
      for (const socket of [client, upstream]) {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
        socket.on('error', () => socket.destroy())
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    const address = server.address()
    if (typeof address === 'object' && address) this.port = address.port
    this.server = server
  }

  /** Cuts every open connection and refuses new ones. */
  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  close(): Promise<void> {
    return this.down()
  }
}
