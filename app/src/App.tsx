import { lazy, Suspense } from 'react'
import { Link } from './components/Link'
import { WalletButton } from './components/WalletButton'
import { Explore } from './pages/Explore'
import { useLocation } from './router'

const ModelPage = lazy(() => import('./pages/ModelPage'))
const AccountPage = lazy(() => import('./pages/AccountPage'))
const PublishPage = lazy(() => import('./pages/PublishPage'))
const ValidatePage = lazy(() => import('./pages/ValidatePage'))
const GovernPage = lazy(() => import('./pages/GovernPage'))
const SignedOfferPage = lazy(() => import('./pages/SignedOfferPage'))

export function App() {
  const { path } = useLocation()
  const model = /^\/models\/(0x[0-9a-fA-F]{1,64}|[0-9]{1,78})\/?$/.exec(path)?.[1]
  let page: React.ReactNode
  if (path === '/' || path === '') page = <Explore />
  else if (model) page = <ModelPage id={model} />
  else if (path === '/account') page = <AccountPage />
  else if (path === '/publish') page = <PublishPage />
  else if (path === '/validate') page = <ValidatePage />
  else if (path === '/govern') page = <GovernPage />
  else if (path === '/offer') page = <SignedOfferPage />
  else
    page = (
      <section>
        <h1>Page not found</h1>
        <p>
          There is nothing at {path}. <Link href="/">Explore the models</Link> instead.
        </p>
      </section>
    )
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link href="/" className="brand">
          DAIMM
        </Link>
        <nav aria-label="Main">
          <Link href="/">Explore</Link>
          <Link href="/publish">Publish</Link>
          <Link href="/validate">Validate</Link>
          <Link href="/govern">Govern</Link>
          <Link href="/account">Account</Link>
        </nav>
        <WalletButton />
      </header>
      <main id="main">
        <Suspense fallback={<p aria-live="polite">Loading…</p>}>{page}</Suspense>
      </main>
    </>
  )
}
