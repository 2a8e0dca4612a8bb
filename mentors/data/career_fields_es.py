"""The starter industry clusters and career fields in Spanish, keyed by their English names
(``mentors/data/career_fields.py``).

Neutral Latin American Spanish, in sentence case as Spanish writes names of disciplines
and trades; the clusters read as the industries of a mentor's profile do in the
translation catalogue ("Arts, media and communications" is "Artes, medios y
comunicación"). The data migration ``0007_career_field_spanish`` fills
``CareerField.cluster_es`` and ``name_es`` from here for every row whose English is still
a starter one; a field staff renamed or added has no Spanish name and shows in English
until staff translate it in admin.
"""

CLUSTERS_ES: dict[str, str] = {
    "Arts, Media & Communications": "Artes, medios y comunicación",
    "Business & Finance": "Negocios y finanzas",
    "Education": "Educación",
    "Engineering & Technology": "Ingeniería y tecnología",
    "Government, Law & Policy": "Gobierno, derecho y políticas públicas",
    "Health & Life Sciences": "Salud y ciencias de la vida",
    "Nonprofit & Social Impact": "Organizaciones sin fines de lucro e impacto social",
    "Science & Research": "Ciencia e investigación",
    "Hospitality, Sports & Recreation": "Hotelería, deportes y recreación",
}

CAREER_FIELDS_ES: dict[str, str] = {
    # Arts, Media & Communications
    "Advertising": "Publicidad",
    "Film & Television": "Cine y televisión",
    "Fine & Performing Arts": "Bellas artes y artes escénicas",
    "Graphic & Visual Design": "Diseño gráfico y visual",
    "Journalism": "Periodismo",
    "Music Industry": "Industria musical",
    "Public Relations": "Relaciones públicas",
    "Publishing & Writing": "Industria editorial y escritura",
    # Business & Finance
    "Accounting": "Contabilidad",
    "Consulting": "Consultoría",
    "Entrepreneurship": "Emprendimiento",
    "Human Resources": "Recursos humanos",
    "Insurance": "Seguros",
    "Investment Banking": "Banca de inversión",
    # The English word is the one used across Latin America ("mercadotecnia" is
    # Mexican, "mercadeo" Colombian and Central American).
    "Marketing": "Marketing",
    "Real Estate": "Bienes raíces",
    "Retail & Consumer Goods": "Comercio minorista y bienes de consumo",
    "Sales": "Ventas",
    "Supply Chain & Logistics": "Cadena de suministro y logística",
    "Wealth & Asset Management": "Gestión de patrimonios y activos",
    # Education
    "Higher Education Administration": "Administración de la educación superior",
    # Kindergarten to the end of secondary school: "básica" and "media" are the levels'
    # names in most of Latin America.
    "K-12 Teaching": "Docencia en educación básica y media",
    "Educational Technology": "Tecnología educativa",
    "School Counseling": "Orientación escolar",
    # Engineering & Technology
    "Aerospace Engineering": "Ingeniería aeroespacial",
    "Biomedical Engineering": "Ingeniería biomédica",
    "Civil & Environmental Engineering": "Ingeniería civil y ambiental",
    "Cybersecurity": "Ciberseguridad",
    "Data Science & Analytics": "Ciencia y análisis de datos",
    "Electrical Engineering": "Ingeniería eléctrica",
    "Mechanical Engineering": "Ingeniería mecánica",
    "Product Management": "Gestión de producto",
    "Software Engineering": "Ingeniería de software",
    "UX & Product Design": "Diseño UX y de producto",
    # Government, Law & Policy
    "Government & Public Administration": "Gobierno y administración pública",
    "International Affairs & Diplomacy": "Relaciones internacionales y diplomacia",
    "Law": "Derecho",
    "Military & Defense": "Fuerzas armadas y defensa",
    "Public Policy": "Políticas públicas",
    "Urban Planning": "Planificación urbana",
    # Health & Life Sciences
    "Biotechnology & Pharmaceuticals": "Biotecnología e industria farmacéutica",
    "Dentistry": "Odontología",
    "Healthcare Administration": "Administración de servicios de salud",
    "Medicine": "Medicina",
    "Nursing": "Enfermería",
    "Physical & Occupational Therapy": "Fisioterapia y terapia ocupacional",
    "Public Health": "Salud pública",
    "Psychology & Counseling": "Psicología y consejería",
    "Veterinary Medicine": "Medicina veterinaria",
    # Nonprofit & Social Impact
    "Community Organizing": "Organización comunitaria",
    # "Development" as in a nonprofit's development office: donors and grants.
    "Fundraising & Development": "Recaudación de fondos y desarrollo institucional",
    "International Development": "Desarrollo internacional",
    "Social Work": "Trabajo social",
    # Science & Research
    "Academic Research": "Investigación académica",
    "Chemistry & Materials": "Química y ciencia de materiales",
    "Environmental Science & Sustainability": "Ciencias ambientales y sostenibilidad",
    "Energy": "Energía",
    "Physics & Astronomy": "Física y astronomía",
    # Hospitality, Sports & Recreation
    "Hospitality & Tourism": "Hotelería y turismo",
    "Sports Management": "Gestión deportiva",
    "Food & Agriculture": "Alimentos y agricultura",
}
