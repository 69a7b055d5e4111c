import { onLinkClick } from '../router'

/** An anchor that navigates inside the app without a reload. */
export function Link(props: React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={onLinkClick} />
}
