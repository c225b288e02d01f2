/**
 * What the engines of 2019 TVs lack and our dependencies call without a guard.
 * The floor is Chromium 63 (Tizen 5.0, Samsung 2019): ky and every timer of
 * ours need AbortController (Chrome 66), and ky uses globalThis,
 * Object.hasOwn and Object.fromEntries at module load. Imported first by
 * main.ts so they exist before any dependency evaluates. The build's es-check
 * allows a newer built-in only when it is imported here
 * (scripts/engine-floor.mjs); the real-engine suite proves the rest.
 * Single modules, not core-js's stable/ entries: those also replace Promise
 * and RegExp#replace wholesale, 6.4 KB gzip that Chromium 63 does not need.
 */
import 'abortcontroller-polyfill/dist/polyfill-patch-fetch'
import 'core-js/modules/es.global-this'
import 'core-js/modules/es.object.has-own'
import 'core-js/modules/es.object.from-entries'
import 'core-js/modules/es.string.replace-all'
import 'core-js/modules/es.array.at'
import 'core-js/modules/es.array.flat'
import 'core-js/modules/es.array.flat-map'
import 'core-js/modules/es.promise.all-settled'
