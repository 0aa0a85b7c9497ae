import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import {
  MAX_TEAM,
  expiringSoon,
  expiryPhrase,
  lookAlikeMark,
  parseAddress,
  parseTeamCsv,
  readCredentialPasts,
  readCredentialsOf,
  skillMatrix,
  teamCsv,
  teamTimeline,
  type Credential,
  type CredentialPast,
  type SkillCell,
  type Team,
} from "@onchaincert/sdk";

import { useChainContext, withChain, type ChainContext } from "../chain";
import { Notice } from "../components/Notice";
import { ChainProblem } from "../components/WayOn";
import { formatDate, readProblem, shortAddress } from "../format";
import { usePageTitle } from "../usePageTitle";
import { useBatchClient } from "../check/useBatchClient";
import { useIssuerLookAlikes } from "../issuer/useIssuer";
import { useIssuers } from "../wallet/useIssuers";
import { downloadCsv } from "../wallet/bulk/download";
import { TeamCharts } from "./TeamCharts";

const STORE = "onchaincert.teams";

/** The demo's recipients (`pnpm dev`), offered on the local chain only. */
const DEMO_TEAM: Team = {
  name: "Demo team",
  members: [
    { label: "Alice", address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906" },
    { label: "Bob", address: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" },
    { label: "Carol", address: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc" },
    { label: "Dave", address: "0x976EA74026E726554dB657fA54763abd0C3a0aa9" },
    { label: "Eve", address: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" },
    { label: "Frank", address: "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f" },
  ],
};

function loadTeams(): Team[] {
  try {
    const teams = JSON.parse(localStorage.getItem(STORE) ?? "[]") as Team[];
    return Array.isArray(teams) ? teams.filter((t) => typeof t?.name === "string" && Array.isArray(t.members)) : [];
  } catch {
    return [];
  }
}

const CELL_TEXT: Record<SkillCell, string> = {
  valid: "Valid",
  expiring: "Expiring",
  expired: "Expired",
  revoked: "Revoked",
};

/**
 * `/team`: a named list of people (kept in this browser, importable and exportable as CSV) as a
 * skills matrix from the chain, what expires in the next 90 days, and a chart of how their valid
 * credentials and credits grew. Printable.
 */
export function TeamPage() {
  const ctx = useChainContext();
  const [teams, setTeams] = useState<Team[]>(loadTeams);
  const [current, setCurrent] = useState(0);
  const team = teams[current];
  usePageTitle(team ? `Team: ${team.name}` : "Team skills");
  useEffect(() => localStorage.setItem(STORE, JSON.stringify(teams)), [teams]);

  const update = (next: Team) => setTeams(teams.map((t, i) => (i === current ? next : t)));
  const addTeam = (t: Team) => {
    setTeams([...teams, t]);
    setCurrent(teams.length);
  };
  if (ctx.problem) return <ChainProblem ctx={ctx} />;

  return (
    <section className="team-page">
      <p className="eyebrow">For employers</p>
      <h1 className="page-title">{team ? team.name : "Team skills"}</h1>
      <p className="lead no-print">
        A team's credentials at a glance, read from the chain. The list of people stays in this browser: export it to
        keep it or move it to another.
      </p>
      <TeamChooser
        teams={teams}
        current={current}
        onChoose={setCurrent}
        onAdd={addTeam}
        onDelete={() => {
          setTeams(teams.filter((_, i) => i !== current));
          setCurrent(0);
        }}
        demo={ctx.chainId === 31337 ? DEMO_TEAM : undefined}
      />
      {team && <Members key={`${current}-${team.name}`} team={team} onChange={update} />}
      {team && team.members.length > 0 && <TeamSkills ctx={ctx} team={team} />}
    </section>
  );
}

function TeamChooser({
  teams,
  current,
  onChoose,
  onAdd,
  onDelete,
  demo,
}: {
  teams: Team[];
  current: number;
  onChoose: (i: number) => void;
  onAdd: (t: Team) => void;
  onDelete: () => void;
  demo: Team | undefined;
}) {
  const [name, setName] = useState("");
  const taken = teams.some((t) => t.name === name.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && !taken) onAdd({ name: name.trim().slice(0, 80), members: [] });
    setName("");
  };
  return (
    <div className="panel no-print">
      <h2>Teams</h2>
      {teams.length > 0 && (
        <div className="mapping-row">
          <label htmlFor="team-choose">Team</label>
          <select id="team-choose" value={current} onChange={(e) => onChoose(Number(e.target.value))}>
            {teams.map((t, i) => (
              <option key={`${i}-${t.name}`} value={i}>
                {t.name} ({t.members.length})
              </option>
            ))}
          </select>
        </div>
      )}
      <form className="search-row" onSubmit={submit}>
        <label htmlFor="team-new" className="sr-only">
          New team's name
        </label>
        <input
          id="team-new"
          placeholder="New team's name"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={!name.trim() || taken}>
          New team
        </button>
      </form>
      {taken && <p className="field-error">There is a team with that name already.</p>}
      <div className="button-row">
        {demo && !teams.some((t) => t.name === demo.name) && (
          <button type="button" className="secondary" onClick={() => onAdd(demo)}>
            Try it with the demo recipients
          </button>
        )}
        {teams.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              if (window.confirm(`Delete the team “${teams[current]?.name}” from this browser?`)) onDelete();
            }}
          >
            Delete this team
          </button>
        )}
      </div>
    </div>
  );
}

function Members({ team, onChange }: { team: Team; onChange: (t: Team) => void }) {
  const [label, setLabel] = useState("");
  const [address, setAddress] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  // Open while the team is empty; then as the employer leaves it.
  const [open, setOpen] = useState(team.members.length === 0);
  const parsed = address.trim() ? parseAddress(address) : undefined;
  const already = parsed?.address && team.members.some((m) => m.address === parsed.address);
  const full = team.members.length >= MAX_TEAM;
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed?.address || already || full) return;
    onChange({
      ...team,
      members: [...team.members, { label: label.trim().slice(0, 80) || parsed.address, address: parsed.address }],
    });
    setLabel("");
    setAddress("");
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const read = parseTeamCsv(new Uint8Array(await file.arrayBuffer()));
    if (read.error) return setProblems([read.error]);
    const known = new Set(team.members.map((m) => m.address));
    const added = read.members.filter((m) => !known.has(m.address));
    const skipped = read.members.length - added.length;
    const members = [...team.members, ...added].slice(0, MAX_TEAM);
    setProblems([
      ...read.problems,
      ...(skipped ? [`${skipped} already in the team.`] : []),
      ...(members.length < team.members.length + added.length
        ? [`A team has at most ${MAX_TEAM} people: the rest were left out.`]
        : []),
      `${members.length - team.members.length} added.`,
    ]);
    onChange({ ...team, members });
  };
  return (
    <details className="panel panel-wide no-print" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>People ({team.members.length})</h2>
      </summary>
      <form className="form-row" onSubmit={add}>
        <div>
          <label htmlFor="member-label">Name (stays in this browser)</label>
          <input id="member-label" value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} />
        </div>
        <div>
          <label htmlFor="member-address">Address</label>
          <input
            id="member-address"
            value={address}
            spellCheck={false}
            placeholder="0x…"
            aria-invalid={Boolean(parsed?.error)}
            onChange={(e) => setAddress(e.target.value)}
          />
        </div>
        <div>
          <button type="submit" disabled={!parsed?.address || Boolean(already) || full}>
            Add to the team
          </button>
        </div>
      </form>
      {parsed?.error && <p className="field-error">{parsed.error}</p>}
      {already && <p className="field-error">That address is in the team already.</p>}
      <div className="form">
        <label htmlFor="team-import">Import a CSV (a name column and an address column)</label>
        <input
          id="team-import"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void importFile(e.target.files?.[0])}
        />
      </div>
      {problems.length > 0 && (
        <ul className="import-problems" role="status">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={team.members.length === 0}
          onClick={() => downloadCsv(`${team.name.replace(/[^\w.-]+/g, "-")}.csv`, teamCsv(team))}
        >
          Export the team (CSV)
        </button>
      </div>
      {team.members.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="People in the team">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.address}>
                  <td>
                    <bdi>{m.label}</bdi>
                  </td>
                  <td>
                    <code>{m.address}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Remove ${m.label}`}
                      onClick={() =>
                        onChange({ ...team, members: team.members.filter((x) => x.address !== m.address) })
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function TeamSkills({ ctx, team }: { ctx: ChainContext; team: Team }) {
  const client = useBatchClient(ctx);
  // Two columns whose issuers' names read the same are told apart by a mark.
  const lookAlikes = useIssuerLookAlikes(ctx, useIssuers(ctx).data);
  const addresses = team.members.map((m) => m.address);
  const read = useQuery({
    queryKey: ["team", ctx.chainId, ctx.lens, addresses.join(",")],
    enabled: Boolean(client && ctx.lens && ctx.registry),
    queryFn: async () => {
      const block = await client!.getBlock();
      const credentials: Credential[][] = [];
      // A few at a time, every one at the same block.
      for (let i = 0; i < addresses.length; i += 16) {
        credentials.push(
          ...(await Promise.all(
            addresses
              .slice(i, i + 16)
              .map((a) => readCredentialsOf(client!, ctx.lens!, a as Address, { blockNumber: block.number })),
          )),
        );
      }
      // Renewals and moves the records no longer show, for the chart's past months. An RPC that
      // refuses a log query over the whole chain leaves the chart on the records, and says so.
      let pasts: Map<bigint, CredentialPast> | undefined;
      try {
        pasts = await readCredentialPasts(client!, ctx.registry!, credentials.flat());
      } catch {
        pasts = undefined;
      }
      return { credentials, now: Number(block.timestamp), block: block.number, pasts };
    },
  });
  const matrix = useMemo(() => read.data && skillMatrix(read.data.credentials, read.data.now), [read.data]);
  const timeline = useMemo(
    () => read.data && teamTimeline(read.data.credentials, read.data.now, 24, read.data.pasts),
    [read.data],
  );

  if (read.error) {
    return (
      <Notice tone="error" title="The team's credentials could not be read.">
        {readProblem(read.error, ctx.rpc)}
      </Notice>
    );
  }
  if (!read.data || !matrix || !timeline) return <p className="loading">Reading the team's credentials…</p>;
  const { credentials, now } = read.data;
  const soon = team.members.flatMap((m, i) => expiringSoon(credentials[i]!, now, 90).map((c) => ({ member: m, c })));
  soon.sort((a, b) => Number(a.c.validUntil - b.c.validUntil));

  return (
    <>
      <div className="button-row no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p className="muted">
        Read from the chain at block {read.data.block.toString()} ({formatDate(now)}).
      </p>
      <h2>Skills</h2>
      {matrix.columns.length === 0 ? (
        <p>No one in the team holds a credential on this chain yet.</p>
      ) : (
        <div className="table-scroll matrix-scroll" tabIndex={0} role="region" aria-label="Skills matrix">
          <table className="table skills-matrix">
            <thead>
              <tr>
                <th scope="col">Person</th>
                {matrix.columns.map((col) => (
                  <th scope="col" key={col.typeId.toString()}>
                    <Link href={withChain(`/type/${col.typeId}`, ctx.chainId)}>
                      <bdi>{col.typeName}</bdi>
                    </Link>
                    <span className="matrix-issuer">
                      <bdi>{col.issuerName}</bdi>
                      {lookAlikes.data?.has(col.issuerId) && (
                        <span className="lookalike-mark">
                          {" "}
                          (issuer #{col.issuerId.toString()}){lookAlikeMark(lookAlikes.data, col.issuerId)}
                        </span>
                      )}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {team.members.map((m, i) => (
                <tr key={m.address}>
                  <th scope="row">
                    <Link href={withChain(`/verify/${m.address}`, ctx.chainId)} title={m.address}>
                      <bdi>{m.label === m.address ? shortAddress(m.address) : m.label}</bdi>
                    </Link>
                  </th>
                  {matrix.columns.map((col) => {
                    const got = matrix.rows[i]!.get(col.typeId);
                    return (
                      <td key={col.typeId.toString()} className={got ? `cell-${got.cell}` : "cell-none"}>
                        {got ? (
                          <Link href={withChain(`/credential/${got.credential.tokenId}`, ctx.chainId)}>
                            {CELL_TEXT[got.cell]}
                            {got.cell === "expiring" && ` ${formatDate(got.credential.validUntil)}`}
                          </Link>
                        ) : (
                          <span aria-label="not held">–</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Expiring in the next 90 days</h2>
      {soon.length === 0 ? (
        <p>Nothing expires in the next 90 days.</p>
      ) : (
        <ul className="expiring-list">
          {soon.map(({ member, c }) => (
            <li key={c.tokenId.toString()}>
              <span>
                <strong>
                  <bdi>{member.label}</bdi>
                </strong>
                :{" "}
                <Link href={withChain(`/credential/${c.tokenId}`, ctx.chainId)}>
                  <bdi>{c.typeName}</bdi>
                </Link>{" "}
                <strong className="expires">{expiryPhrase(Number(c.validUntil), now)}</strong>{" "}
                <span className="muted">({formatDate(c.validUntil)})</span>
              </span>
              <span className="hint">
                Renewed by <bdi>{c.issuerName}</bdi>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>Over time</h2>
      {!read.data.pasts && (
        <p className="hint">
          The chain's RPC would not list the credentials' renewals, so a credential that lapsed and was renewed shows as
          valid through the gap.
        </p>
      )}
      <TeamCharts
        labels={team.members.map((m) => (m.label === m.address ? shortAddress(m.address) : m.label))}
        points={timeline}
      />
    </>
  );
}
