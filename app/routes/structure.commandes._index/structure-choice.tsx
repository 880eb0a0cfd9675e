import { Link } from "@remix-run/react";

/** For a person member of several structures: the structure whose orders are shown, and the others. */
export function StructureChoice({ structures, current }: { structures: { id: number; legalName: string }[]; current: number }) {
  if (structures.length < 2) return null;
  return (
    <nav className="fr-mb-4w" aria-labelledby="choix-structure">
      <p id="choix-structure" className="fr-mb-1w">
        Vous êtes membre de plusieurs structures. Commandes de :
      </p>
      <ul>
        {structures.map((structure) => (
          <li key={structure.id}>
            <Link to={`/structure/commandes?structure=${structure.id}`} aria-current={structure.id === current ? "page" : undefined}>
              {structure.legalName}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
