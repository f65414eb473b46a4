/**
 * Capture-quality signals read from the pristine page: bot challenges, cookie walls and paywalls.
 * A challenge page must never pass for the article it stands in front of.
 */

import type { PageScan } from './clean.ts';
import { collapse } from './metadata.ts';
import { countWords, hasWords } from './text.ts';

export interface PageSignals {
  challenge: boolean;
  cookieWall: boolean;
  paywall: boolean;
}

const CHALLENGE_TITLE = /^(just a moment|attention required|access denied|are you a (robot|human)|checking (your|if the site connection is secure)|security check|pardon our interruption|verify(ing)? you are (a )?human|one more step|bot verification|please wait|robot check|ddos-guard|request unsuccessful|you have been blocked|human verification)/i;
const CHALLENGE_MARKUP = /(challenge-form|cf-browser-verification|cf-challenge|cf_chl_|challenges\.cloudflare\.com|g-recaptcha|h-captcha|hcaptcha\.com|px-captcha|captcha-delivery\.com|geo\.captcha|datadome|_Incapsula_Resource|sucuri_cloudproxy|ak-challenge|distil_r_captcha)/i;
const CHALLENGE_TEXT = /(verify (that )?you are (a )?human|are you a robot|enable (javascript|cookies) (and cookies )?to continue|checking your browser|complete the security check|press (&|and) hold|unusual traffic from your (computer )?network|not a robot|captcha)/i;

const CONSENT_TEXT = /(cookies?|consent|privacy|personal data|partners|gdpr)/i;

const PAYWALL_TEXT = /(subscribe (now )?to (continue|keep) reading|(this|the) (article|story|content) is (only )?(available|reserved|exclusive) (to|for) (subscribers|members|premium)|already a (subscriber|member)\?|to continue reading,? (please )?(subscribe|log ?in|sign ?in)|for subscribers only|subscriber[- ]exclusive|you('ve| have) reached your (free )?(article )?limit|unlock (this|the full) (article|story))/i;

/** Fewest words of a stated description that say the page has content of its own. */
const DECLARED_WORDS = 15;

/**
 * A page that states its content (a description of some length in its metadata) while its whole body
 * holds fewer words than that statement: an app shell whose script renders the text, captured before
 * it ran (a splash screen, an empty root). The capture does not hold what the page is.
 */
export function isEmptyShell(bodyText: string, declared: string | null): boolean {
  const stated = declared ? countWords(declared) : 0;
  return stated >= DECLARED_WORDS && !hasWords(bodyText, stated);
}

/** Inspect the page before any cleaning. `bodyText` is the collapsed text of <body>. */
export function readSignals(document: Document, scan: PageScan, html: string, bodyText: string, accessibleForFree: boolean | null): PageSignals {
  const title = collapse(document.title ?? '');
  const shortPage = bodyText.length < 2_000;
  const challenge = CHALLENGE_TITLE.test(title)
    ? shortPage || CHALLENGE_MARKUP.test(html)
    : shortPage && (CHALLENGE_MARKUP.test(html) || CHALLENGE_TEXT.test(bodyText));

  let consentLength = 0;
  for (const element of scan.consent) {
    const text = collapse(element.textContent ?? '');
    if (CONSENT_TEXT.test(text)) consentLength += text.length;
  }
  const restLength = bodyText.length - consentLength;
  // A wall: the consent box is there and little else is readable without accepting it.
  const cookieWall = consentLength > 80 && restLength < 700;

  const paywall = accessibleForFree === false
    || scan.paywall.length > 0 && PAYWALL_TEXT.test(bodyText)
    || PAYWALL_TEXT.test(bodyText.slice(-4_000));
  return { challenge, cookieWall, paywall };
}
