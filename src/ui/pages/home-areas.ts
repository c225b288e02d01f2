/** Home's focus areas, top to bottom. */
export type Area = 'Viewer' | 'Hero' | 'Continue' | 'Watch'

/** What is on the page now: the hero has buttons only after a failed read. */
export interface Present {
  readonly hero: boolean
  readonly continue: boolean
}

/**
 * Where home's focus is, free of Lightning: Up and Down walk the areas that
 * are on the page (the viewer chip, then the hero when it has Try again, then
 * Continue watching when it has tiles, then the catalog).
 */
export class HomeAreas {
  area: Area = 'Watch'

  constructor(private readonly present: () => Present) {}

  get list(): Area[] {
    const present = this.present()
    const areas: Area[] = ['Viewer']
    if (present.hero) areas.push('Hero')
    if (present.continue) areas.push('Continue')
    areas.push('Watch')
    return areas
  }

  /** While a restored area is still loading, focus waits on the catalog. */
  get focused(): Area {
    return this.list.includes(this.area) ? this.area : 'Watch'
  }

  step(by: -1 | 1): void {
    const areas = this.list
    const at = Math.min(areas.length - 1, Math.max(0, areas.indexOf(this.area) + by))
    this.area = areas[at] ?? this.area
  }

  /** Focus never rests on something that does nothing. */
  settle(): void {
    if (!this.list.includes(this.area)) this.area = 'Watch'
  }
}
