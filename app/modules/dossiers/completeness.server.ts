/** The loader's import of completeness.ts: a .server module is empty in the browser build, so the schemas it
 * builds (and zod) stay out of the check page's JavaScript. */
export * from './completeness'
