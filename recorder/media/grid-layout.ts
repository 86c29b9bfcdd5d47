// Where each tile of the composed recording goes on the canvas. Pure: the compositor asks again
// whenever someone joins, leaves, publishes or stops a track.
//
// - Without a screen share: every tile in one grid, the column count chosen so that a 16:9 picture
//   gets as large as possible; an incomplete last row is centred.
// - With a screen share: the first (oldest) share takes the large area on the left, everything else
//   (cameras, placeholders, further shares) goes in a strip on the right, one column in the usual case.
// Every rectangle has even x, y, width and height, so the I420 chroma planes (half size) line up.

export type Rect = { x: number; y: number; width: number; height: number };

export type LayoutTile = {
  id: string;
  /** A screen share: the first one takes focus. */
  focus?: boolean;
};

export type PlacedTile = { id: string; rect: Rect };

export type LayoutOptions = {
  /** Pixels between tiles (rounded down to even); default 1/160 of the canvas width. */
  gap?: number;
  /** Share of the canvas width given to the strip beside a screen share; default 0.2. */
  stripShare?: number;
};

/** The aspect ratio the grid is sized for (most cameras and screens); other pictures are letterboxed. */
const CONTENT_ASPECT = 16 / 9;

const even = (value: number) => Math.max(0, Math.floor(value / 2) * 2);

export function defaultGap(canvasWidth: number): number {
  return even(canvasWidth / 160);
}

export function computeLayout(
  canvas: { width: number; height: number },
  tiles: readonly LayoutTile[],
  options: LayoutOptions = {},
): PlacedTile[] {
  const gap = even(options.gap ?? defaultGap(canvas.width));
  const full: Rect = { x: 0, y: 0, width: even(canvas.width), height: even(canvas.height) };
  const focused = tiles.find((tile) => tile.focus);
  if (!focused) return placeInGrid(tiles, full, gap);

  const others = tiles.filter((tile) => tile !== focused);
  if (others.length === 0) return [{ id: focused.id, rect: full }];

  const stripWidth = even(full.width * (options.stripShare ?? 0.2));
  const main: Rect = { x: 0, y: 0, width: even(full.width - stripWidth - gap), height: full.height };
  const strip: Rect = { x: full.width - stripWidth, y: 0, width: stripWidth, height: full.height };
  return [{ id: focused.id, rect: main }, ...placeInGrid(others, strip, gap)];
}

/** Grid shape (columns, rows) for `count` tiles in `area` that gives each 16:9 picture the largest size. */
export function chooseGrid(count: number, area: { width: number; height: number }, gap: number) {
  let best = { columns: 1, rows: Math.max(1, count), pictureHeight: -1 };
  for (let columns = 1; columns <= Math.max(1, count); columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = (area.width - gap * (columns - 1)) / columns;
    const cellHeight = (area.height - gap * (rows - 1)) / rows;
    const pictureHeight = Math.min(cellWidth / CONTENT_ASPECT, cellHeight);
    // Ties go to more columns (side by side reads better on a wide canvas).
    if (pictureHeight >= best.pictureHeight) best = { columns, rows, pictureHeight };
  }
  return { columns: best.columns, rows: best.rows };
}

function placeInGrid(tiles: readonly LayoutTile[], area: Rect, gap: number): PlacedTile[] {
  if (tiles.length === 0) return [];
  const { columns, rows } = chooseGrid(tiles.length, area, gap);
  const cellWidth = even((area.width - gap * (columns - 1)) / columns);
  const cellHeight = even((area.height - gap * (rows - 1)) / rows);
  // Centre the whole grid in the area (rounding leaves a few pixels).
  const gridHeight = rows * cellHeight + (rows - 1) * gap;
  const top = area.y + even((area.height - gridHeight) / 2);

  return tiles.map((tile, index) => {
    const row = Math.floor(index / columns);
    const column = index % columns;
    const inThisRow = row === rows - 1 ? tiles.length - row * columns : columns;
    const rowWidth = inThisRow * cellWidth + (inThisRow - 1) * gap;
    const left = area.x + even((area.width - rowWidth) / 2);
    return {
      id: tile.id,
      rect: {
        x: left + column * (cellWidth + gap),
        y: top + row * (cellHeight + gap),
        width: cellWidth,
        height: cellHeight,
      },
    };
  });
}
