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

/**
 * A standalone SVG document of `svg`: computed fill, stroke and font inlined on every element,
 * namespaces declared, explicit size, and a white background so it reads the same on any page.
 */
export function svgString(svg: SVGSVGElement): string {
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
  const { width, height } = viewBoxSize(svg);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
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
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

/** `svgString(svg)` as an image/svg+xml Blob. */
export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([svgString(svg)], { type: 'image/svg+xml;charset=utf-8' });
}

/**
 * The figure rendered to PNG at `scale` × its size in CSS pixels (2 gives print-sharp lines on a
 * slide), by drawing the standalone SVG into a canvas. Rejects if the browser cannot draw it.
 */
export function pngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = viewBoxSize(svg);
  const url = URL.createObjectURL(svgBlob(svg));
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
