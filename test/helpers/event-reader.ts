export interface StreamEvent {
  event: string
  data: Record<string, unknown>
}

/** Reads Server-Sent Events off a fetch body; just enough framing for these tests. */
export class EventReader {
  private buffer = ''
  private readonly decoder = new TextDecoder()

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  close(): Promise<void> {
    return this.reader.cancel()
  }

  async next(): Promise<StreamEvent | 'closed'> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 2)
        const lines = block.split('\n').filter((line) => !line.startsWith(':'))
        const field = (name: string) =>
          lines
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim()
        const event = field('event')
        if (event) return { event, data: JSON.parse(field('data') ?? 'null') }
        continue
      }
      const { done, value } = await this.reader.read()
      if (done) return 'closed'
      this.buffer += this.decoder.decode(value, { stream: true })
    }
  }
}
