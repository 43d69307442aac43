/**
 * Reads the Unsplash Dataset's `photos.tsv*` files: tab-separated with a header line. Fields
 * are usually bare, but the dataset is written by a CSV library, so a field may be wrapped in
 * double quotes (with `""` for a quote) and then hold tabs or newlines — descriptions do.
 */

/** The columns the tutorial's unsplash.csv keeps, as they appear in photos.tsv. */
export interface UnsplashPhoto {
  readonly photoId: string;
  readonly photoImageUrl: string;
  readonly photoDescription: string;
  readonly aiDescription: string;
}

const TAB = 9;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const QUOTE = 34;

/** Splits TSV text into records of fields, honouring quoted fields. */
export function splitTsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('photos.tsv: unterminated quoted field');
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) { field += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
    } else {
      let end = i;
      while (end < text.length && text.charCodeAt(end) !== TAB && text.charCodeAt(end) !== NEWLINE) end++;
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    const c = text.charCodeAt(i);
    if (c === TAB) { i++; continue; }
    // End of record (newline, CRLF or end of text).
    if (record.length > 1 || record[0] !== '') records.push(record.map((f, k) => (k === record.length - 1 && f.endsWith('\r') ? f.slice(0, -1) : f)));
    record = [];
    if (c === CARRIAGE_RETURN) i++;
    i++;
  }
  // The text ended right after a tab: the record's last field is empty.
  if (record.length > 0) records.push([...record, '']);
  return records;
}

/**
 * Photos in file order; rows without an id or image URL are skipped.
 * @example
 * parsePhotosTsv('photo_id\tphoto_image_url\tphoto_description\tai_description\nab\thttps://…\t\ta cat\n')
 * // [{ photoId: 'ab', photoImageUrl: 'https://…', photoDescription: '', aiDescription: 'a cat' }]
 */
export function parsePhotosTsv(text: string): UnsplashPhoto[] {
  const [header, ...rows] = splitTsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0 && (name === 'photo_id' || name === 'photo_image_url')) throw new Error(`photos.tsv: no ${name} column in the header`);
    return index;
  };
  const [id, url, description, ai] = ['photo_id', 'photo_image_url', 'photo_description', 'ai_description'].map(column) as [number, number, number, number];
  const field = (row: string[], index: number) => (index < 0 ? '' : row[index] ?? '');
  return rows
    .map((row) => ({ photoId: field(row, id), photoImageUrl: field(row, url), photoDescription: field(row, description), aiDescription: field(row, ai) }))
    .filter((p) => p.photoId !== '' && p.photoImageUrl !== '');
}
