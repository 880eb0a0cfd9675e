import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { formatBytes } from "~/infra/blobs/blob-store";
import type { FieldErrors } from "~/infra/domain-errors";
import { TextArea } from "~/ui/fields";
import { useRevalidateWhile } from "~/ui/use-revalidate-while";
import { PHOTO_DESCRIPTION_MAX, photoField, statusLabels, type FileKind, type FileStatus } from "./media";

export type FileItem = {
  id: number;
  kind: FileKind;
  displayName: string;
  description: string | null;
  status: FileStatus;
  refusalReason: string | null;
  originalSize: number;
  width: number | null;
  height: number | null;
  pages: number | null;
};

type Limits = { maxPhotos: number; maxPhotoBytes: number; maxPhotoPixels: number; maxDocuments: number; maxDocumentBytes: number };

const badge: Record<FileStatus, string> = { processing: "fr-badge--info", ready: "fr-badge--success", refused: "fr-badge--error" };

/**
 * The proposal's photos and documents: their state (processing, ready, refused with the reason),
 * each photo's description, an upload form per kind with a progress bar, and removal. Works
 * without JavaScript too. The description forms post to the page's own action (intent
 * "describe-photo"); `errors` and `typed` are its answer, keyed by photoField.
 */
export function FilesSection({
  proposalId,
  files,
  limits,
  editable,
  errors = {},
  typed = {},
}: {
  proposalId: number;
  files: FileItem[];
  limits: Limits;
  editable: boolean;
  errors?: FieldErrors;
  typed?: Record<string, string>;
}) {
  const revalidator = useRevalidateWhile(files.some((f) => f.status === "processing"));
  const settled = useSettledFiles(files);

  const kinds: { kind: FileKind; title: string; accept: string; max: number; maxBytes: number; hint: string }[] = [
    {
      kind: "photo",
      title: "Photos",
      accept: "image/jpeg,image/png,image/webp",
      max: limits.maxPhotos,
      maxBytes: limits.maxPhotoBytes,
      hint: `JPEG, PNG ou WebP, ${formatBytes(limits.maxPhotoBytes)} et ${Math.round(limits.maxPhotoPixels / 1_000_000)} mégapixels au plus, ${limits.maxPhotos} photos au plus. Les photos sont réencodées et débarrassées de leurs métadonnées (dont la localisation).`,
    },
    {
      kind: "document",
      title: "Documents (PDF)",
      accept: "application/pdf",
      max: limits.maxDocuments,
      maxBytes: limits.maxDocumentBytes,
      hint: `Plans, guide, fiche technique : PDF de ${formatBytes(limits.maxDocumentBytes)} au plus, ${limits.maxDocuments} documents au plus. Leurs métadonnées (auteur, titre…) sont retirées.`,
    },
  ];

  return (
    <section className="fr-mt-6w" id="fichiers" aria-labelledby="fichiers-titre">
      <h2 id="fichiers-titre">Photos et documents</h2>
      {kinds.map(({ kind, title, accept, max, maxBytes, hint }) => {
        const own = files.filter((f) => f.kind === kind);
        return (
          <div className="fr-mb-4w" key={kind}>
            <h3 className="fr-h5">
              {title} ({own.filter((f) => f.status !== "refused").length} / {max})
            </h3>
            {own.length === 0 ? <p>Aucun fichier.</p> : null}
            <ul className="fr-raw-list">
              {own.map((file) => (
                <li key={file.id} className="fr-mb-2w">
                  <div className="fr-grid-row fr-grid-row--middle fr-grid-row--gutters">
                    {kind === "photo" ? (
                      <div className="fr-col-auto">
                        {file.status === "ready" ? (
                          <img
                            src={`/candidat/propositions/${proposalId}/fichiers/${file.id}/thumbnail`}
                            alt={file.description ?? `Photo « ${file.displayName} », sans description`}
                            width={96}
                            height={72}
                            style={{ objectFit: "cover" }}
                          />
                        ) : (
                          <span className="fr-icon-image-line" aria-hidden="true" />
                        )}
                      </div>
                    ) : null}
                    <div className="fr-col">
                      <p className="fr-mb-0">
                        {file.status === "ready" && kind === "document" ? (
                          <a href={`/candidat/propositions/${proposalId}/fichiers/${file.id}/clean`} download>
                            {file.displayName}
                          </a>
                        ) : (
                          file.displayName
                        )}{" "}
                        <span className={`fr-badge fr-badge--sm ${badge[file.status]}`}>{statusLabels[file.status]}</span>
                      </p>
                      <p className="fr-text--xs fr-mb-0">
                        {formatBytes(file.originalSize)}
                        {file.width && file.height ? ` — ${file.width} × ${file.height} pixels` : ""}
                        {file.pages ? ` — ${file.pages} page${file.pages > 1 ? "s" : ""}` : ""}
                      </p>
                      {file.refusalReason ? <p className="fr-error-text fr-mt-1v">{file.refusalReason}</p> : null}
                      {kind === "photo" && file.status !== "refused" ? (
                        <PhotoDescription file={file} editable={editable} error={errors[photoField(file.id)]} typed={typed[photoField(file.id)]} />
                      ) : null}
                    </div>
                    {editable ? (
                      <div className="fr-col-auto">
                        <Form method="post" action={`/candidat/propositions/${proposalId}/fichiers`}>
                          <input type="hidden" name="fileId" value={file.id} />
                          <button className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" type="submit" title={`Retirer « ${file.displayName} »`}>
                            Retirer
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
            {editable ? (
              <UploadForm
                proposalId={proposalId}
                kind={kind}
                accept={accept}
                hint={hint}
                maxBytes={maxBytes}
                settled={settled[kind]}
                onDone={() => revalidator.revalidate()}
              />
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

/** The photo's description, its alternative text: a small form while the draft may be edited. */
function PhotoDescription({ file, editable, error, typed }: { file: FileItem; editable: boolean; error?: string; typed?: string }) {
  if (!editable) return <p className="fr-text--sm fr-mb-0">Description : {file.description ?? "aucune"}</p>;
  return (
    <Form method="post" className="fr-mt-1w">
      <input type="hidden" name="fileId" value={file.id} />
      <TextArea
        label={`Description de la photo « ${file.displayName} »`}
        name="description"
        id={`champ-${photoField(file.id)}`}
        hint={`Obligatoire pour déposer. Ce que montre la photo, en une ou deux phrases (${PHOTO_DESCRIPTION_MAX} caractères au plus) : elle remplace l'image pour les personnes qui ne la voient pas. N'y mettez ni votre nom ni celui de votre organisation : le jury est anonyme.`}
        defaultValue={typed ?? file.description ?? ""}
        error={error}
        rows={2}
        maxLength={PHOTO_DESCRIPTION_MAX}
      />
      <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="intent" value="describe-photo">
        Enregistrer la description
      </button>
    </Form>
  );
}

/** The look of an upload's message: neutral while the file travels, then the verdict's. */
const messageClass = (ok: boolean | null) => (ok === null ? "fr-text--sm fr-mb-0" : ok ? "fr-valid-text" : "fr-error-text");

/** A new object per change, so that the same sentence twice (two files of one name) is said twice. */
type Settled = { text: string };

/**
 * What the files this page watched being processed came to (« Prêt », « Refusé » and why), by
 * kind: one sentence per change, for the upload form's live region to say once.
 */
function useSettledFiles(files: FileItem[]): Partial<Record<FileKind, Settled>> {
  const [settled, setSettled] = useState<Partial<Record<FileKind, Settled>>>({});
  const seen = useRef(new Map<number, FileStatus>());
  useEffect(() => {
    const done = files.filter((f) => f.status !== "processing" && seen.current.get(f.id) === "processing");
    seen.current = new Map(files.map((f) => [f.id, f.status]));
    if (done.length === 0) return;
    setSettled((before) => {
      const after = { ...before };
      for (const file of done) {
        after[file.kind] = { text: `« ${file.displayName} » : ${statusLabels[file.status]}.${file.refusalReason ? ` ${file.refusalReason}` : ""}` };
      }
      return after;
    });
  }, [files]);
  return settled;
}

/**
 * One file's upload with its progress. The button stays focusable while the file travels
 * (aria-disabled, not disabled, which would drop focus to the page), the progress bar alone
 * carries the percentage, and a polite live region says the start, the answer and the file's
 * final state: a few sentences per upload, not one per percent.
 */
function UploadForm({
  proposalId,
  kind,
  accept,
  hint,
  maxBytes,
  settled,
  onDone,
}: {
  proposalId: number;
  kind: FileKind;
  accept: string;
  hint: string;
  maxBytes: number;
  settled?: Settled;
  onDone: () => void;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  // ok: null while the file travels (a neutral sentence), then the server's verdict.
  const [message, setMessage] = useState<{ ok: boolean | null; text: string } | null>(null);
  // The final state of the last file sent, shown once it is known (a new upload clears it).
  const [outcome, setOutcome] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const action = `/candidat/propositions/${proposalId}/fichiers?nature=${kind}`;
  const inputId = `champ-fichier-${kind}`;
  const uploading = progress !== null;
  useEffect(() => setOutcome(settled?.text ?? null), [settled]);

  function upload(event: FormEvent<HTMLFormElement>) {
    if (uploading) {
      event.preventDefault();
      return;
    }
    const file = input.current?.files?.[0];
    if (!file) return; // let the server say it
    event.preventDefault();
    setOutcome(null);
    if (file.size > maxBytes) {
      setMessage({ ok: false, text: `Le fichier dépasse la taille maximale de ${formatBytes(maxBytes)}.` });
      return;
    }
    const body = new FormData();
    body.append("fichier", file);
    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    request.onload = () => {
      setProgress(null);
      let text = "L'envoi a échoué. Réessayez.";
      let ok = false;
      try {
        const answer = JSON.parse(request.responseText) as { ok: boolean; message: string };
        text = answer.message;
        ok = answer.ok;
      } catch {
        // keep the generic message
      }
      setMessage({ ok, text });
      if (ok && input.current) input.current.value = "";
      onDone();
    };
    request.onerror = () => {
      setProgress(null);
      setMessage({ ok: false, text: "L'envoi a été interrompu (connexion perdue). Réessayez." });
    };
    setMessage({ ok: null, text: `Envoi de « ${file.name} » en cours.` });
    setProgress(0);
    request.send(body);
  }

  return (
    <form method="post" encType="multipart/form-data" action={action} onSubmit={upload}>
      <div className={`fr-upload-group${message?.ok === false ? " fr-upload-group--error" : ""}`}>
        <label className="fr-label" htmlFor={inputId}>
          Ajouter {kind === "photo" ? "une photo" : "un document"}
          <span className="fr-hint-text">{hint}</span>
        </label>
        <input className="fr-upload" type="file" id={inputId} name="fichier" accept={accept} ref={input} aria-describedby={`${inputId}-messages`} />
        {uploading ? (
          <p className="fr-mt-1w fr-mb-0">
            <progress
              max={100}
              value={progress}
              aria-label={kind === "photo" ? "Envoi de la photo" : "Envoi du document"}
              aria-valuetext={`${progress} % envoyés`}
            />{" "}
            <span aria-hidden="true">{progress} %</span>
          </p>
        ) : null}
        <div id={`${inputId}-messages`} aria-live="polite">
          {message ? <p className={messageClass(message.ok)}>{message.text}</p> : null}
          {outcome ? <p className="fr-text--sm fr-mb-0">{outcome}</p> : null}
        </div>
      </div>
      <button className="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w" type="submit" aria-disabled={uploading || undefined}>
        Envoyer
      </button>
    </form>
  );
}
