import { formatDateTime } from "~/infra/paris-time";
import type { FormAnswer } from "~/http/answers.server";
import { BackLink } from "~/ui/back-link";
import type { ReviewFile } from "../verification-types";
import { DecisionForms } from "./decision-forms";
import { RelatedStructures } from "./related-structures";
import { ReviewHistory } from "./review-history";
import type { ReviewSpace } from "./spaces";
import { StatusBadge } from "./status-badge";
import { StructureFacts } from "./structure-facts";
import { SupportingDocuments } from "./supporting-documents";

/** Everything needed to decide on one structure, then the decision: the same page in the admin and instruction spaces. */
export function StructureReviewPage({ space, file, answer }: { space: ReviewSpace; file: ReviewFile; answer: FormAnswer | undefined }) {
  const { structure } = file;
  return (
    <>
      <BackLink to={space.queuePath}>Retour à la file des structures</BackLink>
      <h1>{structure.legalName}</h1>
      <p>
        <StatusBadge status={structure.status} /> depuis le {formatDateTime(structure.statusAt)}
        {structure.statusByName ? `, par ${structure.statusByName}` : ""}
      </p>
      {structure.statusReason ? (
        <p>
          {structure.status === "rejected" ? "Raison du refus" : "Question posée"} : {structure.statusReason}
        </p>
      ) : null}
      <StructureFacts structure={structure} populationYear={file.populationYear} />
      <SupportingDocuments documents={file.documents} />
      <RelatedStructures related={file.related} structurePath={space.structurePath} />
      <ReviewHistory reviews={file.reviews} />
      <DecisionForms status={structure.status} reviewsSeen={file.reviews.length} answer={answer} />
    </>
  );
}
