/** A quotation found in a text, with its speaker. Offsets are JavaScript string indices into the text. */

export interface Quote {
  /** The text inside the quotation marks. */
  text: string;
  /** Offsets of `text` in the input: input.slice(start, end) === text. */
  start: number;
  end: number;
  /** The speaker's canonical name as first introduced ("Shalev Hulio", "NSO Group"), or null when unsure. */
  speaker: string | null;
  /** The surface mention the attribution used ("he", "the company", "Hulio"), or null. */
  mention: string | null;
  /** The reporting cue ("said", "according to", "in a statement"), or null. */
  cue: string | null;
  kind: 'direct' | 'partial';
  /** Spans of one utterance split by their attribution share a group number. */
  group: number;
  /** Index of the paragraph (blank-line separated) the quote starts in. */
  paragraph: number;
}
