/**
 * The menu of a signed-in area's sections (the producer portal, the administration). On a phone it
 * is one line, a <details> menu naming the current section, that opens without JavaScript; on a
 * wider screen the sections are links in a row. Both are in the page, each hidden (display: none,
 * so also for screen readers) where the other shows.
 */
export interface SectionLink {
  href: string;
  label: string;
  current: boolean;
}

interface SectionMenuProps {
  /** The navigation landmark's name. */
  label: string;
  links: SectionLink[];
  /** Whose area it is (a producer organisation's name), shown beside the menu. */
  owner?: string;
}

export function SectionMenu({ label, links, owner }: SectionMenuProps) {
  const current = links.find((link) => link.current);
  const list = (
    <ul>
      {links.map((link) => (
        <li>
          <a href={link.href} aria-current={link.current ? 'page' : undefined}>
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
  return (
    <div class="section-menu">
      {owner ? <p class="section-menu-owner">{owner}</p> : null}
      <nav class="section-menu-row" aria-label={label}>
        {list}
      </nav>
      <details class="section-menu-compact">
        <summary>
          <span class="section-menu-icon" aria-hidden="true">
            ☰
          </span>
          <span class="visually-hidden">{label}: </span>
          <strong>{current?.label ?? label}</strong>
          {owner ? <span class="section-menu-summary-owner">{owner}</span> : null}
        </summary>
        <nav aria-label={label}>{list}</nav>
      </details>
    </div>
  );
}
