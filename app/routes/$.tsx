import { data } from '@remix-run/node'
import { ErrorPage } from '../components/error-page'

// Any unknown path: a real 404 page (in the visitor's language) rather than the root's generic error.
export async function loader() {
  throw data({ reason: 'not found' }, { status: 404 })
}

export default function NotFound() {
  return <ErrorPage status={404} />
}
