/** What extraction yields for one page: clean article HTML and text, metadata, and how it was decided. */

export type MetadataSource = 'jsonld' | 'opengraph' | 'meta' | 'dom' | 'url' | 'readability' | 'http';

export type CharsetSource = 'bom' | 'http' | 'meta' | 'utf8-valid' | 'detected' | 'default';

export interface QualityFlags {
  paywall: boolean;
  challenge: boolean;
  cookieWall: boolean;
  truncated: boolean;
  notArticle: boolean;
}

export interface ExtractedDocument {
  url: string;
  kind: 'article' | 'page';
  title: string | null;
  authors: string[];
  /** ISO 8601 as the page states it, keeping its UTC offset, or plain YYYY-MM-DD. */
  publishedAt: string | null;
  modifiedAt: string | null;
  siteName: string | null;
  lang: string | null;
  canonicalUrl: string | null;
  description: string | null;
  section: string | null;
  keywords: string[];
  image: string | null;
  excerpt: string | null;
  wordCount: number;
  /** Article text, paragraphs separated by blank lines. */
  text: string;
  /** Clean, sanitized HTML of the article body. */
  html: string;
  charset: { name: string; source: CharsetSource };
  flags: QualityFlags;
  /** Where each metadata field came from. */
  sources: Partial<Record<string, MetadataSource>>;
}

export interface ExtractInput {
  /** Raw response bytes, charset unknown. */
  bytes: Uint8Array;
  /** The HTTP Content-Type header, if any (may carry a charset). */
  contentType?: string | undefined;
  /** The page's URL (final URL after redirects). */
  url: string;
}
