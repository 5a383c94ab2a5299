// Style properties a chart's look depends on: copied inline, because the page's stylesheets
// (scoped per component) do not travel with an exported SVG file.
const STYLE_PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;

/**
 * A standalone SVG document of a chart as it is on screen: the SVG cloned with its computed
 * styles inlined, ARIA attributes kept (the role and label describe it), the current width and
 * height fixed. `underlay` (a canvas of points) is embedded as a PNG image at (x, y) below the
 * SVG's own marks.
 */
export function chartSvg(svg: SVGSVGElement, underlay?: { canvas: HTMLCanvasElement; x: number; y: number; width: number; height: number }): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((element, i) => {
    const style = getComputedStyle(element);
    const copy = copies[i] as SVGElement;
    const inline = STYLE_PROPERTIES.map((p) => [p, style.getPropertyValue(p)] as const).filter(([, v]) => v !== '' && v !== 'normal' && v !== 'auto');
    copy.removeAttribute('class');
    if (inline.length > 0) copy.setAttribute('style', inline.map(([p, v]) => `${p}:${v}`).join(';'));
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(svg.width.baseVal.value));
  clone.setAttribute('height', String(svg.height.baseVal.value));
  clone.removeAttribute('aria-hidden');
  if (underlay) {
    const image = document.createElementNS('http://www.w3.org/2000/svg', 'image');
    image.setAttribute('href', underlay.canvas.toDataURL('image/png'));
    for (const [k, v] of [['x', underlay.x], ['y', underlay.y], ['width', underlay.width], ['height', underlay.height]] as const) image.setAttribute(k, String(v));
    clone.insertBefore(image, clone.firstChild);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/** The SVG text drawn onto a white canvas at `scale` device pixels per CSS pixel, as a PNG. */
export async function svgToPng(text: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be written'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
