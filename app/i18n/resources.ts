// Both languages for the server (pages, e-mails). The browser loads one of resources-vi.ts / resources-en.ts: the
// language of its page (entry.client.tsx); switching language reloads the document (site-header.tsx).
import { en } from './resources-en'
import { vi } from './resources-vi'

export const resources = { vi, en }
