/** Saves `text` as a file named `name` through the browser's download (no server involved). */
export function downloadFile(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Saves `text` as a CSV file named `name`. */
export function downloadCsv(name: string, text: string) {
  downloadFile(name, text, "text/csv;charset=utf-8");
}
