/** Saves a Blob as a download under `fileName`, through an object URL: nothing leaves the browser. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
