// La carte des lieux de médiation numérique : recherche d'une commune, lieux les plus proches
// (calculés par le service), filtres, fiche d'un lieu, état dans l'adresse de la page.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("lieux-config").textContent || "{}");
  const $ = (id) => document.getElementById(id);
  // L'état de la vue vit dans le fragment de l'adresse (#lat=…&lon=…) ; `?integration=1`
  // dans la requête donne la vue compacte à mettre dans une iframe.
  const params = new URLSearchParams(location.hash.slice(1));
  const requeteDePage = new URLSearchParams(location.search);
  const integration = requeteDePage.get("integration") === "1";
  const FILTRES = ["services", "publics_specifiquement_adresses", "frais_a_charge", "modalites_acces",
    "prise_en_charge_specifique", "dispositif_programmes_nationaux", "typologie"];
  // Une carte intégrée peut être limitée à un territoire ou à des filtres, donnés dans la requête
  // de la page (?integration=1&departement=51) : ils s'ajoutent à chaque question au service.
  const fixes = new URLSearchParams();
  for (const nom of FILTRES.concat(["itinerance", "modalites_accompagnement", "formations_labels", "departement", "code_insee", "code_postal", "source"])) {
    if (requeteDePage.get(nom)) fixes.set(nom, requeteDePage.get(nom));
  }
  const departementsFixes = (fixes.get("departement") || "").split(",").filter(Boolean);
  function avecFixes(q) { for (const [nom, valeur] of fixes) q.set(nom, valeur); return q; }
  const PAS = 20, MAXIMUM = 100;
  const etat = {
    lat: num(params.get("lat")), lon: num(params.get("lon")), nomLieu: params.get("lieu") || "",
    filtres: {}, ouvert: params.get("ouvert") || "", choisi: params.get("choisi") || "",
    zoom: num(params.get("zoom")), nombre: PAS, lieux: []
  };
  for (const champ of FILTRES) {
    const valeur = params.get(champ);
    if (valeur) etat.filtres[champ] = valeur.split(",");
  }
  if (integration) document.body.classList.add("integration");

  function num(texte) { const n = parseFloat(texte); return isFinite(n) ? n : null; }
  function echappe(texte) {
    return String(texte ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  function annonce(texte) { $("annonce").textContent = texte; }
  function distance(metres) {
    if (metres == null) return "";
    if (metres < 1000) return Math.round(metres / 10) * 10 + " m";
    return (metres / 1000).toLocaleString("fr-FR", { maximumFractionDigits: metres < 10000 ? 1 : 0 }) + " km";
  }
  async function json(url, options) {
    const reponse = await fetch(url, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    const corps = await reponse.json().catch(() => ({}));
    if (!reponse.ok) throw new Error(corps.detail || ("Erreur " + reponse.status));
    return corps;
  }

  // ---- La carte (utilisable sans fond de carte : un fond uni reste lisible)
  const carte = L.map("carte", { zoomControl: true }).setView([46.6, 2.4], 5);
  if (config.tuiles) {
    L.tileLayer(config.tuiles, { attribution: config.attribution || "", maxZoom: 19 }).addTo(carte);
  }
  const calque = L.layerGroup().addTo(carte);
  // La couverture : un disque par commune, dessiné sur un canevas (des dizaines de milliers de points).
  const calqueCouverture = L.layerGroup().addTo(carte);
  const peintre = L.canvas({ padding: 0.2 });
  // La carte change de taille quand la fiche s'ouvre ou que l'écran tourne : Leaflet doit le savoir.
  if (window.ResizeObserver) new ResizeObserver(() => carte.invalidateSize()).observe($("carte"));
  let repere = null;
  carte.on("click", (e) => { choisirPoint(e.latlng.lat, e.latlng.lng, "Point choisi sur la carte"); });

  // ---- Recherche d'une commune
  const champ = $("lieu"), liste = $("suggestions");
  let propositions = [], active = -1, minuteur = null;
  champ.value = etat.nomLieu;
  champ.addEventListener("input", () => {
    clearTimeout(minuteur);
    minuteur = setTimeout(proposer, 120);
  });
  champ.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!propositions.length) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : propositions.length - 1)) % propositions.length;
      marquerActive();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (propositions.length) choisirCommune(propositions[Math.max(active, 0)]);
    } else if (e.key === "Escape") {
      fermerPropositions();
    }
  });
  $("recherche").addEventListener("submit", (e) => e.preventDefault());
  // Une commune est dans le territoire de la carte intégrée (quand elle en a un).
  const dansLeTerritoire = (departement) => !departementsFixes.length || departementsFixes.includes(departement);
  async function communes(texte) {
    const departements = departementsFixes.length ? "&departement=" + encodeURIComponent(departementsFixes.join(",")) : "";
    const reponse = await json("/communes?limit=8&q=" + encodeURIComponent(texte) + departements);
    return (reponse.communes || []).map((c) =>
      ({ nom: c.nom, detail: c.codes_postaux[0] || c.departement, latitude: c.latitude, longitude: c.longitude, zoom: 13 }));
  }
  // Les adresses, d'un géocodeur compatible avec l'API de la BAN (option --geocodeur du service).
  async function adresses(texte) {
    if (!config.geocodeur || texte.length < 3) return [];
    const reponse = await fetch(config.geocodeur.replace(/\/$/, "") + "/search/?limit=5&autocomplete=1&q=" + encodeURIComponent(texte));
    if (!reponse.ok) return [];
    const corps = await reponse.json();
    return (corps.features || []).filter((f) => f.geometry && f.properties && f.properties.type !== "municipality" &&
      dansLeTerritoire(String(f.properties.citycode || "").startsWith("97") ? String(f.properties.citycode).slice(0, 3) : String(f.properties.citycode || "").slice(0, 2)))
      .map((f) => ({ nom: f.properties.label, detail: "adresse", latitude: f.geometry.coordinates[1], longitude: f.geometry.coordinates[0], zoom: 16 }));
  }
  async function proposer() {
    const texte = champ.value.trim();
    if (texte.length < 2) { fermerPropositions(); return; }
    const [trouvees, lues] = await Promise.all([communes(texte).catch(() => []), adresses(texte).catch(() => [])]);
    if (champ.value.trim() !== texte) return;
    propositions = trouvees.concat(lues);
    active = -1;
    liste.innerHTML = propositions.map((c, i) =>
      `<li role="option" id="proposition-${i}" aria-selected="false">${echappe(c.nom)} <small>(${echappe(c.detail)})</small></li>`).join("");
    liste.hidden = propositions.length === 0;
    champ.setAttribute("aria-expanded", String(!liste.hidden));
    Array.from(liste.children).forEach((li, i) => li.addEventListener("mousedown", (e) => { e.preventDefault(); choisirCommune(propositions[i]); }));
    if (!propositions.length) annonce((config.geocodeur ? "Aucune commune ni adresse trouvée pour « " : "Aucune commune ne commence par « ") + texte + " ».");
  }
  function marquerActive() {
    Array.from(liste.children).forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    champ.setAttribute("aria-activedescendant", active >= 0 ? "proposition-" + active : "");
  }
  function fermerPropositions() {
    propositions = []; liste.hidden = true; liste.innerHTML = "";
    champ.setAttribute("aria-expanded", "false"); champ.removeAttribute("aria-activedescendant");
  }
  function choisirCommune(commune) {
    fermerPropositions();
    champ.value = commune.nom;
    choisirPoint(commune.latitude, commune.longitude, commune.nom, commune.zoom);
  }
  $("autour").addEventListener("click", () => {
    if (!navigator.geolocation) { annonce("Votre navigateur ne donne pas votre position : cherchez une commune."); return; }
    annonce("Recherche de votre position…");
    navigator.geolocation.getCurrentPosition(
      (p) => { champ.value = "Autour de moi"; choisirPoint(p.coords.latitude, p.coords.longitude, "Autour de moi", 14); },
      () => annonce("Position introuvable (refusée ou indisponible) : cherchez une commune."));
  });
  function choisirPoint(lat, lon, nom, zoom, choisi) {
    etat.lat = lat; etat.lon = lon; etat.nomLieu = nom; etat.nombre = PAS; etat.choisi = choisi || "";
    if (zoom) carte.setView([lat, lon], zoom);
    chercher();
  }

  // ---- Filtres, depuis les critères du service
  async function preparerFiltres() {
    let criteres = {};
    try { criteres = (await json("/collections/lieux/queryables")).properties || {}; } catch (e) { return; }
    const zone = $("vocabulaires");
    if ([...fixes.keys()].length) {
      const noms = { departement: "département", code_insee: "commune (code INSEE)", code_postal: "code postal", source: "source" };
      const limite = document.createElement("p");
      limite.className = "aide";
      limite.textContent = "Cette carte ne montre que les lieux de : " +
        [...fixes].map(([nom, valeur]) => `${noms[nom] || (criteres[nom] && criteres[nom].title) || nom} ${valeur.split(",").join(", ")}`).join(" ; ") + ".";
      zone.appendChild(limite);
    }
    for (const nom of FILTRES) {
      const critere = criteres[nom];
      if (fixes.has(nom)) continue;
      const valeurs = critere && critere.items && critere.items.enum;
      if (!valeurs) continue;
      const groupe = document.createElement("fieldset");
      groupe.innerHTML = `<legend>${echappe(critere.title || nom)}</legend>` + valeurs.map((v, i) =>
        `<label><input type="checkbox" name="${nom}" value="${echappe(v)}" ${(etat.filtres[nom] || []).includes(v) ? "checked" : ""}> <span class="valeur">${echappe(v)}</span></label>`).join("");
      zone.appendChild(groupe);
    }
    zone.addEventListener("change", lireFiltres);
  }
  function lireFiltres() {
    etat.filtres = {};
    for (const boite of document.querySelectorAll("#vocabulaires input:checked")) {
      (etat.filtres[boite.name] = etat.filtres[boite.name] || []).push(boite.value);
    }
    etat.nombre = PAS;
    if (etat.lat == null) explorer(); else chercher();
    if ($("couverture").checked) couverture();
  }
  $("ouvert-maintenant").checked = etat.ouvert === "maintenant";
  if (etat.ouvert && etat.ouvert !== "maintenant") $("ouvert-le").value = etat.ouvert;
  $("ouvert-maintenant").addEventListener("change", (e) => {
    etat.ouvert = e.target.checked ? "maintenant" : ($("ouvert-le").value || "");
    if (e.target.checked) $("ouvert-le").value = "";
    if (etat.lat == null) explorer(); else chercher();
  });
  $("ouvert-le").addEventListener("change", (e) => {
    if (e.target.value) $("ouvert-maintenant").checked = false;
    etat.ouvert = e.target.value || ($("ouvert-maintenant").checked ? "maintenant" : "");
    if (etat.lat == null) explorer(); else chercher();
  });
  $("effacer").addEventListener("click", () => {
    for (const boite of document.querySelectorAll("#filtres input[type=checkbox]")) boite.checked = false;
    $("ouvert-le").value = ""; etat.ouvert = ""; lireFiltres();
  });
  $("plus").addEventListener("click", () => { etat.nombre = Math.min(MAXIMUM, etat.nombre + PAS); chercher(true); });

  // ---- Résultats : les plus proches, calculés par le service
  // Les filtres choisis (et ceux de la carte intégrée), pour chaque question au service.
  function filtres() {
    const q = new URLSearchParams();
    for (const [nom, valeurs] of Object.entries(etat.filtres)) if (valeurs.length) q.set(nom, valeurs.join(","));
    if (etat.ouvert) q.set("ouvert", etat.ouvert);
    return avecFixes(q);
  }
  function requete() {
    const q = filtres();
    q.set("lat", etat.lat.toFixed(6)); q.set("lon", etat.lon.toFixed(6)); q.set("nearest", String(etat.nombre));
    return q;
  }
  async function chercher(garderFiche) {
    memoriser();
    const n = Object.values(etat.filtres).reduce((s, v) => s + v.length, 0) + (etat.ouvert ? 1 : 0);
    $("nombre-filtres").textContent = n ? `(${n} actif${n > 1 ? "s" : ""})` : "";
    if (etat.lat == null || etat.lon == null) {
      $("compte").textContent = "Cherchez une commune, utilisez « Autour de moi » ou cliquez sur la carte.";
      return;
    }
    if (repere) repere.remove();
    repere = L.circleMarker([etat.lat, etat.lon], { radius: 7, color: "#e1000f", fillOpacity: 0.9 }).addTo(carte)
      .bindTooltip(etat.nomLieu || "Point de recherche");
    let page;
    try { page = await json("/collections/lieux/items?" + requete().toString()); }
    catch (erreur) { annonce("La recherche a échoué : " + erreur.message); return; }
    etat.lieux = page.features || [];
    annonce("");
    afficher(page);
    if (!garderFiche && etat.choisi) ouvrirFiche(etat.choisi, false);
  }
  function afficher(page) {
    const lieux = etat.lieux;
    const plusLoin = lieux.length ? lieux[lieux.length - 1].properties.distance : null;
    const premier = lieux.length ? lieux[0].properties.distance : null;
    $("compte").textContent = lieux.length
      ? `${lieux.length} lieu${lieux.length > 1 ? "x" : ""} les plus proches de ${etat.nomLieu || "ce point"}, jusqu'à ${distance(plusLoin)}` +
        (premier > 20000 ? ` : aucun à moins de 20 km, la recherche s'est élargie jusqu'au plus proche (${distance(premier)}).` : "")
      : "Aucun lieu ne correspond à ces filtres.";
    $("plus").hidden = lieux.length < etat.nombre || etat.nombre >= MAXIMUM;
    $("resultats").innerHTML = lieux.map((f, i) => {
      const p = f.properties;
      return `<li><button type="button" class="lieu" data-index="${i}" data-id="${echappe(cle(f))}" aria-current="${cle(f) === etat.choisi}">
        <span class="distance">${distance(p.distance)}</span><span class="nom">${i + 1}. ${echappe(p.nom)}</span>
        <span class="adresse">${echappe(p.adresse)}, ${echappe(p.code_postal)} ${echappe(p.commune)}</span></button></li>`;
    }).join("");
    for (const bouton of document.querySelectorAll("#resultats button.lieu")) {
      bouton.addEventListener("click", () => ouvrirFiche(cle(lieux[+bouton.dataset.index]), true));
    }
    compterFiltres(lieux);
    calque.clearLayers();
    const points = [[etat.lat, etat.lon]];
    lieux.forEach((f, i) => {
      if (!f.geometry) return;
      const [lon, lat] = f.geometry.coordinates;
      points.push([lat, lon]);
      const icone = L.divIcon({ className: "", html: `<span class="marqueur${cle(f) === etat.choisi ? " choisi" : ""}">${i + 1}</span>`, iconSize: [22, 22] });
      L.marker([lat, lon], { icon: icone, title: f.properties.nom, keyboard: false }).addTo(calque)
        .on("click", () => ouvrirFiche(cle(f), true));
    });
    if (points.length > 1 && etat.zoom == null) carte.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
    etat.zoom = null;
  }
  // Le nombre de lieux de la liste qui ont chaque valeur, à côté de chaque filtre.
  function compterFiltres(lieux) {
    for (const boite of document.querySelectorAll("#vocabulaires input[type=checkbox]")) {
      const n = lieux.filter((f) => [].concat(f.properties[boite.name] || []).includes(boite.value)).length;
      let compte = boite.parentElement.querySelector(".nombre");
      if (!compte) {
        compte = document.createElement("span");
        compte.className = "nombre";
        boite.parentElement.appendChild(compte);
      }
      compte.textContent = ` (${n})`;
    }
  }
  function cle(f) { return (f.properties.source_import ? f.properties.source_import + ":" : "") + f.properties.id; }

  // ---- La fiche d'un lieu
  const JOURS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
  async function ouvrirFiche(id, focaliser) {
    etat.choisi = id;
    memoriser();
    const f = etat.lieux.find((x) => cle(x) === id);
    document.querySelectorAll("#resultats button.lieu").forEach((b) => b.setAttribute("aria-current", String(cle(etat.lieux[+b.dataset.index]) === id)));
    document.querySelectorAll(".marqueur").forEach((m, i) => m.classList.toggle("choisi", etat.lieux[i] && cle(etat.lieux[i]) === id));
    let lieu = f;
    if (!lieu) {
      try { lieu = await json("/collections/lieux/items/" + encodeURIComponent(id)); } catch (e) { return; }
    }
    let horaires = null;
    try { horaires = await json("/collections/lieux/items/" + encodeURIComponent(id) + "/horaires"); } catch (e) { horaires = null; }
    const fiche = $("fiche");
    fiche.innerHTML = rendreFiche(lieu, horaires, id);
    fiche.hidden = false;
    $("fermer-fiche").addEventListener("click", () => { fiche.hidden = true; etat.choisi = ""; memoriser(); });
    $("imprimer-fiche").addEventListener("click", () => imprimer("imprime-fiche"));
    $("signaler").addEventListener("submit", (e) => signaler(e, id));
    // The card has just taken room from the map: Leaflet measures it again before moving.
    carte.invalidateSize({ pan: false });
    if (lieu.geometry && focaliser) carte.setView([lieu.geometry.coordinates[1], lieu.geometry.coordinates[0]], Math.max(carte.getZoom(), 12));
    if (focaliser) fiche.focus();
  }
  function rendreFiche(lieu, horaires, id) {
    const p = lieu.properties, g = lieu.geometry;
    const liste = (v) => Array.isArray(v) ? v : (v ? [v] : []);
    const morceaux = [`<h2 id="fiche-nom">${echappe(p.nom)}</h2>`,
      `<p>${echappe(p.adresse)}${p.complement_adresse ? ", " + echappe(p.complement_adresse) : ""}<br>${echappe(p.code_postal)} ${echappe(p.commune)}` +
      (p.distance != null ? ` · à ${distance(p.distance)}` : "") + `</p>`];
    if (horaires) morceaux.push(rendreHoraires(horaires));
    const champs = [["Services", p.services], ["Publics", p.publics_specifiquement_adresses], ["Prise en charge", p.prise_en_charge_specifique],
      ["Frais", p.frais_a_charge], ["Accès", p.modalites_acces], ["Accompagnement", p.modalites_accompagnement]];
    for (const [titre, valeur] of champs) {
      const v = liste(valeur);
      if (v.length) morceaux.push(`<h3>${titre}</h3><ul>${v.map((x) => `<li>${echappe(x)}</li>`).join("")}</ul>`);
    }
    const contacts = [];
    for (const t of liste(p.telephone)) contacts.push(`<li>Téléphone : <a href="tel:${echappe(t.replace(/\s/g, ""))}">${echappe(t)}</a></li>`);
    for (const c of liste(p.courriels)) contacts.push(`<li>Courriel : <a href="mailto:${echappe(c)}">${echappe(c)}</a></li>`);
    for (const s of liste(p.site_web)) contacts.push(`<li>Site : <a href="${echappe(s)}">${echappe(s)}</a></li>`);
    if (p.prise_rdv) contacts.push(`<li><a href="${echappe(p.prise_rdv)}">Prendre rendez-vous</a></li>`);
    if (p.fiche_acces_libre) contacts.push(`<li><a href="${echappe(p.fiche_acces_libre)}">Accessibilité (Acceslibre)</a></li>`);
    if (g) {
      const [lon, lat] = g.coordinates;
      contacts.push(`<li><a href="geo:${lat},${lon}">Ouvrir dans une application de navigation</a> · ` +
        `<a href="https://www.openstreetmap.org/directions?to=${lat}%2C${lon}">Itinéraire (OpenStreetMap)</a></li>`);
    }
    if (contacts.length) morceaux.push(`<h3>Contact et accès</h3><ul>${contacts.join("")}</ul>`);
    const maj = p.date_maj ? new Date(p.date_maj) : null;
    const ancien = maj && (Date.now() - maj.getTime()) > 365 * 24 * 3600 * 1000;
    morceaux.push(`<p>Source : ${echappe(p.source || p.source_import)} · mis à jour le ${maj ? maj.toLocaleDateString("fr-FR") : "?"}` +
      (ancien ? ` <span class="ancien">(il y a plus d'un an : vérifiez avant de vous déplacer)</span>` : "") + `</p>`);
    morceaux.push(`<div class="actions"><button type="button" id="imprimer-fiche">Imprimer la fiche</button>` +
      `<button type="button" class="secondaire" id="fermer-fiche">Fermer la fiche</button></div>`);
    morceaux.push(`<details><summary>Signaler une erreur</summary><form id="signaler">
      <label for="categorie">Ce qui ne va pas</label>
      <select id="categorie" name="categorie"><option value="horaires">Horaires</option><option value="adresse">Adresse</option>
      <option value="contact">Contact</option><option value="services">Services</option><option value="n-existe-plus">Le lieu n'existe plus</option><option value="autre">Autre</option></select>
      <label for="message">Message</label><textarea id="message" name="message" maxlength="2000" rows="3" required></textarea>
      <button type="submit">Envoyer</button></form></details>`);
    return morceaux.join("\n");
  }
  function rendreHoraires(h) {
    // Heures de Paris, telles que le service les donne (jamais celles du fuseau du navigateur).
    const jourDe = (date) => JOURS[new Date(date + "T12:00:00Z").getUTCDay()];
    const aujourdhui = (h.instant || "").slice(0, 10);
    const heure = (iso) => {
      if (!iso) return "";
      const [hh, mm] = [iso.slice(11, 13), iso.slice(14, 16)];
      const moment = `${parseInt(hh, 10)} h${mm !== "00" ? " " + mm : ""}`;
      return iso.slice(0, 10) === aujourdhui ? "à " + moment : jourDe(iso.slice(0, 10)) + " à " + moment;
    };
    let etatTexte;
    if (h.etat === "open") etatTexte = `<p class="etat-ouvert">Ouvert${h.prochain_changement ? " · ferme " + heure(h.prochain_changement) : ""}</p>`;
    else if (h.etat === "closed") etatTexte = `<p class="etat-ferme">Fermé${h.prochain_changement ? " · ouvre " + heure(h.prochain_changement) : ""}</p>`;
    else etatTexte = `<p>${echappe(h.message || "Horaires inconnus")}</p>`;
    if (!h.semaine) return etatTexte;
    const lignes = h.semaine.map((j) => `<tr class="${j.date === aujourdhui ? "aujourdhui" : ""}"><th scope="row">${echappe(j.jour)}${j.date === aujourdhui ? " (aujourd'hui)" : ""}</th>` +
      `<td>${j.plages.length ? j.plages.map((p) => echappe(p.replace("-", " – "))).join(", ") : "fermé"}</td></tr>`).join("");
    return etatTexte + `<table class="semaine"><caption class="evitement">Horaires de la semaine</caption><tbody>${lignes}</tbody></table>`;
  }
  async function signaler(e, id) {
    e.preventDefault();
    const formulaire = e.target;
    try {
      await json("/collections/lieux/items/" + encodeURIComponent(id) + "/signalements", {
        method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ categorie: formulaire.categorie.value, message: formulaire.message.value })
      });
      formulaire.outerHTML = "<p>Merci : votre signalement est transmis au producteur de ces données.</p>";
    } catch (erreur) { annonce("Le signalement n'a pas pu être envoyé : " + erreur.message); }
  }
  function imprimer(classe) {
    document.body.classList.add(classe);
    window.print();
    document.body.classList.remove(classe);
  }
  $("imprimer-liste").addEventListener("click", () => imprimer("imprime-liste"));

  // ---- L'état de la page vit dans son adresse : la copier rouvre la même vue
  function memoriser() {
    const q = new URLSearchParams();
    if (etat.lat != null) { q.set("lat", etat.lat.toFixed(5)); q.set("lon", etat.lon.toFixed(5)); }
    if (etat.nomLieu) q.set("lieu", etat.nomLieu);
    for (const [nom, valeurs] of Object.entries(etat.filtres)) if (valeurs.length) q.set(nom, valeurs.join(","));
    if (etat.ouvert) q.set("ouvert", etat.ouvert);
    if (etat.choisi) q.set("choisi", etat.choisi);
    history.replaceState(null, "", location.pathname + location.search + "#" + q.toString());
  }

  // ---- Avant toute recherche : les lieux comptés par le service (la page ne télécharge jamais
  // tous les lieux) : par département aux petits zooms, puis groupés sur une grille (clusters).
  let exploration = 0;
  async function explorer() {
    if (etat.lat != null) return;
    const numero = ++exploration;
    const zoom = carte.getZoom();
    const q = filtres();
    let url;
    if (zoom <= 7 && !fixes.has("departement") && !fixes.has("code_insee")) {
      q.set("par", "departement");
      url = "/collections/lieux/aggregates?" + q.toString();
    } else {
      const b = carte.getBounds();
      q.set("bbox", [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())].map((x) => x.toFixed(5)).join(","));
      q.set("zoom", String(Math.max(0, Math.min(20, zoom))));
      url = "/collections/lieux/clusters?" + q.toString();
    }
    let compte;
    try { compte = await json(url); } catch (e) { annonce("La carte n'a pas pu compter les lieux : " + e.message); return; }
    if (etat.lat != null || numero !== exploration) return;
    calque.clearLayers();
    for (const f of compte.features || []) {
      if (!f.geometry) continue;
      const [lon, lat] = f.geometry.coordinates;
      const n = f.properties.lieux;
      if (f.id && n === 1 && compte.par == null) {
        // Un lieu seul : le choisir cherche autour de lui et ouvre sa fiche.
        const icone = L.divIcon({ className: "", html: `<span class="marqueur seul"></span>`, iconSize: [16, 16] });
        L.marker([lat, lon], { icon: icone, title: f.properties.nom, keyboard: false }).addTo(calque)
          .on("click", () => choisirPoint(lat, lon, f.properties.nom, Math.max(carte.getZoom(), 14), f.id));
        continue;
      }
      const taille = Math.round(24 + Math.min(20, Math.sqrt(n)));
      const nom = compte.par ? `${f.properties.nom || f.properties.code} : ${n} lieux` : `${n} lieux`;
      // La taille par le style de l'élément, pas par un attribut : la politique de sécurité
      // du contenu (Content-Security-Policy) interdit les styles écrits dans le HTML.
      const pastille = document.createElement("span");
      pastille.className = "marqueur groupe";
      pastille.style.width = pastille.style.height = taille + "px";
      pastille.textContent = n;
      const icone = L.divIcon({ className: "", html: pastille, iconSize: [taille, taille] });
      const marqueur = L.marker([lat, lon], { icon: icone, title: nom, keyboard: false }).addTo(calque);
      const bbox = f.properties.bbox;
      // Un groupe s'ouvre en zoomant sur lui (sur le rectangle de ses lieux quand il est connu).
      marqueur.on("click", () => {
        if (bbox && (bbox[0] !== bbox[2] || bbox[1] !== bbox[3]) && !compte.par) carte.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { padding: [30, 30] });
        else carte.setView([lat, lon], compte.par ? 9 : Math.min(carte.getZoom() + 3, 18));
      });
    }
    $("compte").textContent = `${compte.numberMatched} lieu${compte.numberMatched > 1 ? "x" : ""} ${compte.par ? "en tout" : "dans cette partie de la carte"}. ` +
      "Cherchez une commune, utilisez « Autour de moi » ou cliquez sur la carte.";
  }
  carte.on("moveend", () => { if (etat.lat == null) explorer(); });
  // Une carte intégrée limitée à un territoire s'ouvre sur lui.
  async function cadrerTerritoire() {
    const q = filtres(); q.set("par", "commune");
    try {
      const points = ((await json("/collections/lieux/aggregates?" + q.toString())).features || [])
        .filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
      if (points.length && etat.lat == null) { carte.fitBounds(points, { padding: [20, 20], maxZoom: 13 }); return; }
    } catch (e) { /* la vue de la France reste */ }
    explorer();
  }

  // ---- La couverture : à quelle distance les habitants vivent du lieu le plus proche (filtres compris)
  const COULEURS = [[5, "#1a7f37"], [10, "#b8860b"], [20, "#d9480f"], [Infinity, "#a4161a"]];
  async function couverture() {
    calqueCouverture.clearLayers();
    const actif = $("couverture").checked;
    $("legende-couverture").hidden = !actif;
    if (!actif) return;
    const q = filtres();
    const territoire = departementsFixes.length === 1 ? "&territoire=departement:" + encodeURIComponent(departementsFixes[0]) : "";
    $("resume-couverture").textContent = "Calcul en cours…";
    let resume, communes;
    try {
      [resume, communes] = await Promise.all([
        json("/couverture?seuils=5,10,20&" + q.toString() + territoire),
        json("/couverture/communes?" + q.toString() + territoire)]);
    } catch (e) {
      $("resume-couverture").textContent = "Couverture indisponible : " + e.message;
      return;
    }
    if (!$("couverture").checked) return;
    const nombre = (x) => Number(x).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
    const part = (km) => {
      const seuil = (resume.seuils || []).find((s) => s.km === km);
      return seuil ? nombre(seuil.part * 100) : "?";
    };
    $("resume-couverture").textContent = `${part(10)} % des ${nombre(resume.population)} habitants vivent à moins de 10 km d'un lieu, ${part(20)} % à moins de 20 km (distance médiane : ${nombre(resume.mediane_km)} km).`;
    for (const f of communes.features || []) {
      if (!f.geometry) continue;
      const p = f.properties;
      const km = p.distance_km == null ? Infinity : p.distance_km;
      const couleur = COULEURS.find(([seuil]) => km < seuil)[1];
      const rayon = Math.max(2, Math.min(14, Math.sqrt(p.population) / 12));
      L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        renderer: peintre, radius: rayon, color: couleur, weight: 1, fillColor: couleur, fillOpacity: 0.55, interactive: true
      }).bindTooltip(`${p.nom} : ${nombre(p.population)} habitants, ${p.distance_km == null ? "aucun lieu" : nombre(p.distance_km) + " km"}`)
        .addTo(calqueCouverture);
    }
  }
  $("couverture").addEventListener("change", couverture);

  preparerFiltres();
  if (etat.lat != null && etat.lon != null) { carte.setView([etat.lat, etat.lon], etat.zoom || 13); chercher(); }
  else {
    $("compte").textContent = "Cherchez une commune, utilisez « Autour de moi » ou cliquez sur la carte.";
    if (fixes.has("departement") || fixes.has("code_insee") || fixes.has("code_postal") || fixes.has("source")) cadrerTerritoire(); else explorer();
  }
})();
