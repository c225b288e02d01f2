/**
 * Built-ins newer than Chrome 68 (Tizen 5.0 / webOS 5) that our dependencies
 * call without a guard: ky uses globalThis, Object.hasOwn and
 * Object.fromEntries at module load. Imported first by main.ts so they exist
 * before any dependency evaluates. test/e2e/old-engine.spec.ts deletes these
 * built-ins and proves the app still renders.
 */
import 'core-js/stable/global-this'
import 'core-js/stable/object/has-own'
import 'core-js/stable/object/from-entries'
import 'core-js/stable/string/replace-all'
import 'core-js/stable/array/at'
import 'core-js/stable/array/flat'
import 'core-js/stable/array/flat-map'
import 'core-js/stable/promise/all-settled'
