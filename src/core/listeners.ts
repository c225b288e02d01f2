/** Who follows a use-case's state: each subscribe returns its own unsubscribe. */
export interface Listeners<T> {
  subscribe(listener: (value: T) => void): () => void
  /** Calls every listener; one that unsubscribes meanwhile does not disturb the others. */
  emit(value: T): void
  clear(): void
}

export function createListeners<T>(): Listeners<T> {
  const listeners = new Set<(value: T) => void>()
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(value) {
      for (const listener of [...listeners]) listener(value)
    },
    clear: () => listeners.clear(),
  }
}
