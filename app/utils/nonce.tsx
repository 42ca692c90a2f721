import { createContext, useContext } from 'react'

/** The per-response CSP nonce, given to Remix's <Scripts> and friends during server rendering. */
export const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
