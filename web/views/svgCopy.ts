/**
 * A chart's svg as markup for a second place on the page (the printed report, the presentation),
 * with its ids prefixed: ids are global to the page, and a pattern's url(#…) in the copy must point
 * at the copy's own pattern, not at one in a part of the page that is hidden.
 */
export function svgCopy(svg: SVGSVGElement, prefix: string): string {
  return svg.outerHTML.replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
}
