/** The name of a result template field's input on the propose and correction forms (plain: pages import it). */
export const resultFieldName = (key: string) => `rf_${key}`
