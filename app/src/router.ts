import { useSyncExternalStore } from 'react'

/** A small history router: the path and query of the page, and navigation without reloads. */
function subscribe(listener: () => void) {
  window.addEventListener('popstate', listener)
  window.addEventListener('daimm:navigate', listener)
  return () => {
    window.removeEventListener('popstate', listener)
    window.removeEventListener('daimm:navigate', listener)
  }
}

const snapshot = () => `${location.pathname}${location.search}`

export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot)
  const url = new URL(href, location.origin)
  return { path: url.pathname, search: url.searchParams }
}

export function navigate(to: string, { replace = false } = {}) {
  if (to === snapshot()) return
  if (replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  window.dispatchEvent(new Event('daimm:navigate'))
  if (!replace) window.scrollTo(0, 0)
}

/** Follows same-origin links without a reload (unless a modifier key asks for a new tab). */
export function onLinkClick(event: React.MouseEvent<HTMLAnchorElement>) {
  const target = event.currentTarget
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const url = new URL(target.href, location.href)
  if (url.origin !== location.origin) return
  event.preventDefault()
  navigate(`${url.pathname}${url.search}`)
}
