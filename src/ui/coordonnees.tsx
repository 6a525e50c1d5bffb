import { Champ, type EtatFormulaire, valeur } from './formulaire.tsx';

// How a person is reached, as the public forms and the desk ask it (the contact form, online booking, booking at the
// desk): a name, then an email and a phone, each optional, with the bounds of the columns that keep them.

interface Props {
  etat: EtatFormulaire;
  libelles: { nom: string; courriel: string; telephone: string };
  /** What the address and the phone are for, shown under their labels. */
  aides: { courriel: string; telephone: string };
  /** Said between the name and the two ways of reaching the person (which one is needed). */
  consigne?: string;
  /** At the desk the agent types for someone else: the browser must not suggest the agent's own details. */
  saisieParUnAgent?: boolean;
}

/** Name, email and phone fields, with French hints and errors linked to each field. */
export function ChampsCoordonnees({ etat, libelles, aides, consigne, saisieParUnAgent }: Props) {
  const auto = (jeton: string) => (saisieParUnAgent ? 'off' : jeton);
  return (
    <>
      <Champ nom="nom" libelle={libelles.nom} etat={etat} autocomplete={auto('name')} longueurMax={100} />
      {consigne && <p class="fr-mb-2w">{consigne}</p>}
      <Champ
        nom="courriel"
        libelle={libelles.courriel}
        aide={aides.courriel}
        etat={etat}
        type="email"
        autocomplete={auto('email')}
        requis={false}
        longueurMax={254}
      />
      <Champ
        nom="telephone"
        libelle={libelles.telephone}
        aide={aides.telephone}
        etat={etat}
        type="tel"
        autocomplete={auto('tel')}
        requis={false}
        longueurMax={20}
      />
    </>
  );
}

/** A field people never see nor reach by keyboard, that robots fill: a submission with it filled is dropped. */
export function ChampPiege({ nom, etat }: { nom: string; etat: EtatFormulaire }) {
  return (
    <div class="fr-hidden">
      <label for={nom}>Site web (laissez ce champ vide)</label>
      <input id={nom} name={nom} type="text" tabIndex={-1} autocomplete="off" value={valeur(etat, nom)} />
    </div>
  );
}

/**
 * First name, name and birth date of a person a procedure is about (a case, a mandate), as on their identity
 * document: the fieldset's elements, inside the caller's fieldset and legend.
 */
export function ChampsIdentite({ etat }: { etat: EtatFormulaire }) {
  return (
    <>
      <div class="fr-fieldset__element">
        <Champ nom="prenom" libelle="Prénom" etat={etat} longueurMax={100} autocomplete="off" />
      </div>
      <div class="fr-fieldset__element">
        <Champ nom="nom" libelle="Nom" etat={etat} longueurMax={100} autocomplete="off" />
      </div>
      <div class="fr-fieldset__element">
        <Champ
          nom="dateNaissance"
          libelle="Date de naissance"
          aide="Au format JJ/MM/AAAA, par exemple 14/07/1985."
          type="date"
          etat={etat}
        />
      </div>
    </>
  );
}
