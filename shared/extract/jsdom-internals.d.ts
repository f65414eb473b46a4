// jsdom's internal modules (CommonJS) used by parse.ts to give a document of the shared window its
// page's own URL.
declare module 'jsdom/lib/generated/idl/Document.js' {
  const Document: { createImpl(globalObject: unknown, constructorArgs: unknown[], privateData: unknown): object };
  export default Document;
}
declare module 'jsdom/lib/generated/idl/utils.js' {
  const utils: { wrapperForImpl(impl: object): unknown; supportsPropertyName: symbol; supportedPropertyNames: symbol };
  export default utils;
}
declare module 'jsdom/lib/jsdom/browser/parser/index.js' {
  const parser: { parseIntoDocument(markup: string, documentImpl: object): void };
  export default parser;
}
