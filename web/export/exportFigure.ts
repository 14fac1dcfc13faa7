/**
 * Figures out of the page: a chart's svg as a standalone SVG file or a PNG. A chart's look can come
 * from the page's stylesheet, which a file does not carry, so the styles that matter are copied
 * onto each element first.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Computed properties copied inline: those that change how an svg element looks. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'display',
  'visibility',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
] as const;

function viewBoxSize(svg: SVGSVGElement): { width: number; height: number } {
  const vb = svg.viewBox?.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const r = svg.getBoundingClientRect();
  return { width: r.width || 300, height: r.height || 150 };
}

/** Height added below an exported figure for its provenance line. */
const FOOTER_PX = 16;

/**
 * A standalone SVG document of `svg`: computed fill, stroke and font inlined on every element,
 * namespaces declared, explicit size, and a white background so it reads the same on any page.
 * With `footer`, a line of text (the figure's provenance: version, seed, replications, date) is
 * written below it, as text.
 */
export function svgString(svg: SVGSVGElement, footer = ''): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  const view = svg.ownerDocument.defaultView;
  if (view) {
    source.forEach((el, i) => {
      const cs = view.getComputedStyle(el);
      const out = target[i] as SVGElement;
      const inline = STYLE_PROPS.map((p) => [p, cs.getPropertyValue(p)] as const)
        .filter(([, v]) => v !== '')
        .map(([p, v]) => `${p}:${v}`)
        .join(';');
      if (inline) out.setAttribute('style', `${out.getAttribute('style') ?? ''};${inline}`.replace(/^;/, ''));
    });
  }
  const { width, height: drawn } = viewBoxSize(svg);
  const height = footer ? drawn + FOOTER_PX : drawn;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const vb = clone.getAttribute('viewBox')?.split(/[\s,]+/).map(Number);
  if (!vb || vb.length !== 4) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  else if (footer) clone.setAttribute('viewBox', `${vb[0]} ${vb[1]} ${vb[2]} ${vb[3] + FOOTER_PX}`);
  // Scaling rules of the page (max-width, height: auto) mean nothing in a file.
  clone.style.removeProperty('max-width');
  clone.style.removeProperty('height');
  const bg = svg.ownerDocument.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('x', '0');
  bg.setAttribute('y', '0');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', 'white');
  clone.insertBefore(bg, clone.firstChild);
  if (footer) {
    const x0 = vb && vb.length === 4 ? vb[0] : 0;
    const y0 = vb && vb.length === 4 ? vb[1] + vb[3] : drawn;
    const line = svg.ownerDocument.createElementNS(SVG_NS, 'text');
    line.setAttribute('x', String(x0 + 4));
    line.setAttribute('y', String(y0 + FOOTER_PX - 4));
    line.setAttribute('style', 'font: 10px sans-serif; fill: #555');
    line.setAttribute('class', 'provenance');
    line.textContent = footer; // text, never markup
    clone.appendChild(line);
  }
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

/** `svgString(svg)` as an image/svg+xml Blob. */
export function svgBlob(svg: SVGSVGElement, footer = ''): Blob {
  return new Blob([svgString(svg, footer)], { type: 'image/svg+xml;charset=utf-8' });
}

/**
 * The figure rendered to PNG at `scale` × its size in CSS pixels (2 gives print-sharp lines on a
 * slide), by drawing the standalone SVG into a canvas. Rejects if the browser cannot draw it.
 */
export function pngBlob(svg: SVGSVGElement, scale = 2, footer = ''): Promise<Blob> {
  const { width, height: drawn } = viewBoxSize(svg);
  const height = footer ? drawn + FOOTER_PX : drawn;
  const url = URL.createObjectURL(svgBlob(svg, footer));
  return new Promise<Blob>((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('pngBlob: no 2d canvas context');
        ctx.fillStyle = 'white';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('pngBlob: the canvas gave no image'))), 'image/png');
      } catch (e) {
        reject(e);
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('pngBlob: the browser could not load the SVG as an image'));
    };
    img.src = url;
  });
}

/** Saves `blob` as `filename` through a temporary link (the browser's download prompt). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
