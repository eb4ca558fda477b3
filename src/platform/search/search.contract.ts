/** The search contract: how a matched passage travels to the web app. Pure types (the web app bundles it). */

/** A passage of a search hit: the matched words have `hit` set. */
export interface SnippetPartDto {
  text: string;
  hit: boolean;
}
