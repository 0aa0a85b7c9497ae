// The employer's pages: one chunk, loaded when /check or /team is opened (their pickers, CSV and
// signature checks stay out of /verify/<address>'s budget; the team's chart library loads after
// it). One chunk rather than two: with two, the bundler moves React and more out of the entry into
// shared chunks, and /verify/<address> would load 2.4 kB more (201.3 kB, over its budget).
export { CheckPage } from "../check/CheckPage";
export { TeamPage } from "../team/TeamPage";
