import { useCallback, useEffect, useId, useState } from "react";
import { describeError } from "./api";
import {
  type CreatedInvite,
  createInvite,
  type Invite,
  listInvites,
  listMembers,
  type Member,
  ROLES,
  type Role,
  removeMember,
  revokeInvite,
  roleLabel,
  setMemberRole,
} from "./boardsApi";
import { defaultColor, initials } from "./identity";
import { Modal } from "./Modal";
import { RoleBadge } from "./RoleBadge";

/** Props of MembersDialog. */
export interface MembersDialogProps {
  readonly boardId: string;
  readonly boardTitle: string;
  readonly myId: string;
  readonly myRole: Role;
  /** My own role changed here (an owner handing over and stepping down). */
  readonly onMyRoleChanged: (role: Role) => void;
  readonly onLeft: () => void;
  readonly onClose: () => void;
}

/** Invitation lifetimes offered, in hours. */
const EXPIRIES = [
  { hours: 24, label: "1 day" },
  { hours: 24 * 7, label: "7 days" },
  { hours: 24 * 30, label: "30 days" },
] as const;

function formatDateTime(value: number): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/**
 * The Share dialog: the board's members (owners change roles and remove people), Leave board, and
 * for owners invitation links by role and lifetime with the pending ones to revoke.
 */
export function MembersDialog({
  boardId,
  boardTitle,
  myId,
  myRole,
  onMyRoleChanged,
  onLeft,
  onClose,
}: MembersDialogProps) {
  const isOwner = myRole === "owner";
  const [members, setMembers] = useState<readonly Member[] | null>(null);
  const [invites, setInvites] = useState<readonly Invite[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [confirmLeave, setConfirmLeave] = useState(false);
  const [inviteRole, setInviteRole] = useState<Role>("editor");
  const [expiresInHours, setExpiresInHours] = useState<number>(24 * 7);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const id = useId();

  const fail = (what: string) => (failure: unknown) => {
    console.error(what, failure);
    setError(describeError(failure));
  };

  const load = useCallback(async () => {
    const [people, pending] = await Promise.all([
      listMembers(boardId),
      isOwner ? listInvites(boardId) : Promise.resolve([]),
    ]);
    setMembers(people);
    setInvites(pending);
  }, [boardId, isOwner]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per board and role; `fail` is a fresh closure each render.
  useEffect(() => {
    load().catch(fail("Could not load the members"));
  }, [load]);

  const changeRole = async (member: Member, role: Role) => {
    setError(null);
    try {
      const updated = await setMemberRole(boardId, member.id, role);
      setMembers((current) => current?.map((item) => (item.id === updated.id ? updated : item)) ?? null);
      setStatus(`${member.name} is now ${roleLabel(updated.role)}.`);
      if (member.id === myId) onMyRoleChanged(updated.role);
    } catch (failure) {
      // The select is controlled, so it still shows the role the server kept.
      fail("Could not change a role")(failure);
    }
  };

  const remove = async (member: Member) => {
    setError(null);
    try {
      await removeMember(boardId, member.id);
      setMembers((current) => current?.filter((item) => item.id !== member.id) ?? null);
      setStatus(`${member.name} was removed from the board.`);
    } catch (failure) {
      fail("Could not remove a member")(failure);
    }
  };

  const leave = async () => {
    setError(null);
    try {
      await removeMember(boardId, myId);
      onLeft();
    } catch (failure) {
      fail("Could not leave the board")(failure);
      setConfirmLeave(false);
    }
  };

  const invite = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await createInvite(boardId, inviteRole, expiresInHours);
      setCreated(next);
      setCopied(false);
      setInvites(await listInvites(boardId));
    } catch (failure) {
      fail("Could not create an invitation")(failure);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (item: Invite) => {
    setError(null);
    try {
      await revokeInvite(boardId, item.id);
      setInvites((current) => current.filter((other) => other.id !== item.id));
      if (created?.id === item.id) setCreated(null);
      setStatus(`The ${roleLabel(item.role).toLowerCase()} invitation was revoked.`);
    } catch (failure) {
      fail("Could not revoke an invitation")(failure);
    }
  };

  const inviteUrl = created ? new URL(created.url, window.location.origin).toString() : "";
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(inviteUrl);
      setCopied(true);
      setStatus("Invite link copied.");
    } catch (failure) {
      console.warn("Could not copy to the clipboard", failure);
      setStatus("Could not copy automatically: select the link and copy it.");
    }
  };
  const nameOf = (userId: string) =>
    members?.find((member) => member.id === userId)?.name ?? "a former member";

  return (
    <Modal
      title={`Share “${boardTitle}”`}
      onClose={onClose}
      className="members-dialog"
      testId="members-dialog"
    >
      <p className="sr-only" role="status">
        {status}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby={`${id}-people`}>
        <h3 id={`${id}-people`} className="section-title">
          People on this board
        </h3>
        {members === null ? (
          <p className="muted">Loading members…</p>
        ) : (
          <ul className="member-list" data-testid="member-list">
            {members.map((member) => {
              const me = member.id === myId;
              return (
                <li key={member.id} className="member-row" data-testid="member" data-user-id={member.id}>
                  <span
                    className="avatar small"
                    style={{ backgroundColor: defaultColor(member.id) }}
                    aria-hidden="true"
                  >
                    {initials(member.name)}
                  </span>
                  <span className="member-name">
                    {member.name}
                    {me && <span className="muted"> (you)</span>}
                  </span>
                  {isOwner ? (
                    <select
                      className="select"
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      onChange={(event) => void changeRole(member, event.target.value as Role)}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {roleLabel(role)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <RoleBadge role={member.role} />
                  )}
                  {isOwner && !me && (
                    <button
                      type="button"
                      className="button ghost small danger-text"
                      aria-label={`Remove ${member.name}`}
                      onClick={() => void remove(member)}
                    >
                      Remove
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <div className="leave-board">
          {confirmLeave ? (
            <div className="confirm-row">
              <span>Leave “{boardTitle}”? You will need a new invitation to come back.</span>
              <button type="button" className="button danger small" onClick={() => void leave()}>
                Yes, leave
              </button>
              <button type="button" className="button ghost small" onClick={() => setConfirmLeave(false)}>
                Stay
              </button>
            </div>
          ) : (
            <button type="button" className="button ghost small" onClick={() => setConfirmLeave(true)}>
              Leave board
            </button>
          )}
        </div>
      </section>
      {isOwner ? (
        <>
          <section aria-labelledby={`${id}-invite`}>
            <h3 id={`${id}-invite`} className="section-title">
              Invite people
            </h3>
            <form
              className="invite-form"
              onSubmit={(event) => {
                event.preventDefault();
                void invite();
              }}
            >
              <div className="field">
                <label htmlFor={`${id}-invite-role`}>Invite as</label>
                <select
                  id={`${id}-invite-role`}
                  className="select"
                  value={inviteRole}
                  onChange={(event) => setInviteRole(event.target.value as Role)}
                >
                  <option value="editor">Editor — can change the board</option>
                  <option value="viewer">Viewer — can only watch</option>
                  <option value="owner">Owner — can also manage people</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-invite-expiry`}>Link expires after</label>
                <select
                  id={`${id}-invite-expiry`}
                  className="select"
                  value={expiresInHours}
                  onChange={(event) => setExpiresInHours(Number(event.target.value))}
                >
                  {EXPIRIES.map((option) => (
                    <option key={option.hours} value={option.hours}>
                      {option.label}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? "Creating…" : "Create invite link"}
              </button>
            </form>
            {created && (
              <div className="invite-result">
                <label htmlFor={`${id}-invite-link`} className="invite-link-label">
                  Invite link
                </label>
                <div className="copy-row">
                  <input
                    id={`${id}-invite-link`}
                    className="text-input"
                    readOnly
                    value={inviteUrl}
                    onFocus={(event) => event.currentTarget.select()}
                  />
                  <button type="button" className="button" onClick={() => void copy()}>
                    Copy
                  </button>
                  {copied && (
                    <span className="copied" aria-hidden="true">
                      Copied ✓
                    </span>
                  )}
                </div>
                <p className="muted field-hint">
                  Anyone with this link can join as {roleLabel(created.role).toLowerCase()} until{" "}
                  {formatDateTime(created.expiresAt)}. It is shown only now.
                </p>
              </div>
            )}
          </section>
          <section aria-labelledby={`${id}-pending`}>
            <h3 id={`${id}-pending`} className="section-title">
              Pending invitations
            </h3>
            {invites.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="invite-list" data-testid="invite-list">
                {invites.map((item) => (
                  <li key={item.id} className="invite-row">
                    <RoleBadge role={item.role} />
                    <span className="muted">
                      by {nameOf(item.createdBy)}, expires {formatDateTime(item.expiresAt)}
                    </span>
                    <button
                      type="button"
                      className="button ghost small danger-text"
                      aria-label={`Revoke ${roleLabel(item.role).toLowerCase()} invitation expiring ${formatDateTime(item.expiresAt)}`}
                      onClick={() => void revoke(item)}
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : (
        <p className="muted">Only owners can invite people or change roles.</p>
      )}
    </Modal>
  );
}
