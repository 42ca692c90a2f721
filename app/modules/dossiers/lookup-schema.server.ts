/** The action's import of lookup-schema: a .server module is empty in the browser build, so zod and the schemas stay out of
 * the page's JavaScript (the browser loads them on the first submit, see components/use-validated-form.ts). */
export * from './lookup-schema'
