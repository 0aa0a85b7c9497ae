/** Saves `text` (or its pieces) as a file named `name` through the browser's download (no server involved). */
export function downloadFile(name: string, text: string | readonly string[], type: string) {
  const url = URL.createObjectURL(new Blob(typeof text === "string" ? [text] : [...text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Saves `text` (or its pieces) as a CSV file named `name`. */
export function downloadCsv(name: string, text: string | readonly string[]) {
  downloadFile(name, text, "text/csv;charset=utf-8");
}
