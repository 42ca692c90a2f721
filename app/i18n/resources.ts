// Both languages for the server (pages, e-mails), every namespace. The browser loads one language (the page's,
// entry.client.tsx): the public and citizen namespaces (resources-vi.ts / resources-en.ts), and the staff areas'
// (resources-*-staff.ts) only for a signed-in staff member. Switching language reloads the document
// (site-header.tsx).
import { en } from './resources-en'
import { enStaffAreas } from './resources-en-staff'
import { vi } from './resources-vi'
import { viStaffAreas } from './resources-vi-staff'

export const resources = { vi: { ...vi, ...viStaffAreas }, en: { ...en, ...enStaffAreas } }
