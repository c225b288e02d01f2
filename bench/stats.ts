/** Linear-interpolated percentile (the spreadsheet and NumPy default), p in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export const median = (values: readonly number[]) => percentile(values, 50)

/** Rounds for the JSON file: figures carry no more digits than the method can support. */
export const round = (value: number, digits = 0) => Number(value.toFixed(digits))
