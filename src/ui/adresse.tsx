/** The lines of a postal address after its first line: street, optional complement, postcode and commune. */
export function LignesAdresse({
  adresse,
  complementAdresse,
  codePostal,
  commune,
}: {
  adresse: string;
  complementAdresse?: string | null;
  codePostal: string;
  commune: string;
}) {
  return (
    <>
      {adresse}
      {complementAdresse && (
        <>
          <br />
          {complementAdresse}
        </>
      )}
      <br />
      {codePostal} {commune}
    </>
  );
}
