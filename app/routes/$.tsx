import { ErrorPage } from '../components/error-page'
import { notFound } from '../utils/http-errors.server'

// Any unknown path: a real 404 page (in the visitor's language) rather than the root's generic error.
export async function loader() {
  throw notFound()
}

export default function NotFound() {
  return <ErrorPage status={404} />
}
