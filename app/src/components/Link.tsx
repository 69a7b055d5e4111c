import { onLinkClick } from '../router'

/** An anchor that navigates inside the app without a reload. */
export function Link({
  href,
  ...props
}: React.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a href={href} {...props} onClick={onLinkClick} />
}
