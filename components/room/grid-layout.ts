/**
 * Layout math for the video grid: how many tiles a page holds at a width, how
 * many columns and rows make the tiles largest, and which tiles a page shows.
 * Pure, so it is unit-tested for every count from 1 to 25 and every screen.
 */

/** A visit has at most 25 interactive people (DESIGN.md). */
export const MAX_TILES = 25;

/** Below this width a screen is a phone: two tiles per row at most, paged. */
export const NARROW_MAX_WIDTH = 640;
/** Below this width (tablets, narrow windows) a page holds at most 3 × 3. */
export const MEDIUM_MAX_WIDTH = 1024;

export const TILE_GAP = 8;

/** How many tiles one page holds in a stage this wide: small screens page rather than shrink faces to stamps. */
export function tilesPerPage(stageWidth: number): number {
  if (stageWidth < NARROW_MAX_WIDTH) return 4;
  if (stageWidth < MEDIUM_MAX_WIDTH) return 9;
  return MAX_TILES;
}

/** Tiles are 16:9 on wide stages; on phones 4:3, which suits portrait screens and people's faces. */
export function tileAspect(stageWidth: number): number {
  return stageWidth < NARROW_MAX_WIDTH ? 4 / 3 : 16 / 9;
}

export type GridShape = { columns: number; rows: number; tileWidth: number; tileHeight: number };

/**
 * The columns and rows that give `count` tiles of one aspect ratio the largest
 * size inside width × height (gaps included). Ties go to fewer columns.
 */
export function bestGrid(count: number, width: number, height: number, aspect: number, gap = TILE_GAP): GridShape {
  const n = Math.max(1, Math.floor(count));
  let best: GridShape = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    // Skip shapes with a whole empty row or column; they are never the better choice.
    if ((rows - 1) * columns >= n) continue;
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    const tileHeight = tileWidth / aspect;
    if (tileWidth > best.tileWidth + 0.5) best = { columns, rows, tileWidth, tileHeight };
  }
  return {
    ...best,
    tileWidth: Math.max(0, Math.floor(best.tileWidth)),
    tileHeight: Math.max(0, Math.floor(best.tileHeight)),
  };
}

export type GridPage = GridShape & { page: number; pageCount: number; pageSize: number; start: number; end: number };

/**
 * The grid for `count` tiles on page `page` of a stage: every page uses the
 * shape of a full page, so tiles keep their size when paging to a last, shorter page.
 */
export function gridPage(count: number, stageWidth: number, stageHeight: number, page: number): GridPage {
  const pageSize = tilesPerPage(stageWidth);
  const pageCount = Math.max(1, Math.ceil(count / pageSize));
  const current = clampPage(page, pageCount);
  const start = current * pageSize;
  const end = Math.min(count, start + pageSize);
  const shape = bestGrid(Math.min(Math.max(count, 1), pageSize), stageWidth, stageHeight, tileAspect(stageWidth));
  return { ...shape, page: current, pageCount, pageSize, start, end };
}

export function clampPage(page: number, pageCount: number): number {
  if (!Number.isFinite(page)) return 0;
  return Math.min(Math.max(0, Math.floor(page)), Math.max(0, pageCount - 1));
}

/**
 * Keeps whoever is speaking on the first page when the grid pages: each
 * speaker beyond it swaps places with the last quiet tile of the first page.
 * Everyone else keeps their place, so tiles do not shuffle at every word.
 */
export function promoteSpeakers(order: readonly string[], speakers: readonly string[], pageSize: number): string[] {
  const result = [...order];
  if (result.length <= pageSize) return result;
  const speaking = new Set(speakers);
  for (const speaker of speakers) {
    const at = result.indexOf(speaker);
    if (at < pageSize) continue;
    let swapWith = -1;
    for (let i = pageSize - 1; i >= 0; i--) {
      const candidate = result[i];
      if (candidate !== undefined && !speaking.has(candidate)) {
        swapWith = i;
        break;
      }
    }
    if (swapWith < 0) break;
    const moved = result[swapWith] as string;
    result[swapWith] = speaker;
    result[at] = moved;
  }
  return result;
}

/** Focus layout (someone shares a screen, or a tile is pinned): the strip goes beside the stage only when there is room. */
export function filmstripPlacement(stageWidth: number): "side" | "bottom" {
  return stageWidth >= MEDIUM_MAX_WIDTH ? "side" : "bottom";
}
