/** A file of an export: its path relative to the export's directory (`/`-separated) and its text. */
export interface ExportedFile {
  path: string;
  content: string;
}
