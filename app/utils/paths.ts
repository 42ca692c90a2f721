/** URLs of the apply journey, shared by loaders and components. */
export const applyPath = (code: string, step = '') =>
  `/procedures/${encodeURIComponent(code)}/apply${step ? `/${step}` : ''}`
