"""The starter questions of the question bank in Spanish, keyed by their English wording
(``notebook/data/question_bank.py``).

Neutral Latin American Spanish in the formal register (usted), gender-neutral towards the
mentor; like the English ones, open-ended and evaluative, and none asks for a job. The data
migration ``0006_bank_question_text_es`` fills ``BankQuestion.text_es`` from here for every
row whose English text is still a starter question's; a question staff reworded or added
keeps no Spanish text and shows in English until staff translate it in admin.
"""

QUESTION_BANK_ES: dict[str, str] = {
    # What the work is like
    (
        "Walk me through a recent week: which tasks filled most of it, and which would surprise "
        "someone outside the field?"
    ): (
        "Cuénteme cómo fue una semana reciente: ¿qué tareas ocuparon la mayor parte del tiempo y "
        "cuáles sorprenderían a alguien ajeno a este campo?"
    ),
    "Which problems do you find yourself solving again and again, and how do you go about them?": (
        "¿Qué problemas le toca resolver una y otra vez, y cómo los aborda?"
    ),
    (
        "Which part of your work do you find most rewarding, and which would you hand to someone "
        "else if you could?"
    ): (
        "¿Qué parte de su trabajo le resulta más gratificante y cuál delegaría en otra persona si "
        "pudiera?"
    ),
    "How is your time split between people, documents or data, and thinking on your own?": (
        "¿Cómo se reparte su tiempo entre el trato con personas, el trabajo con documentos o datos "
        "y la reflexión por su cuenta?"
    ),
    "What does doing this job well look like, and how do you know when you have?": (
        "¿Qué significa hacer bien este trabajo y cómo se da cuenta de que lo ha logrado?"
    ),
    "What do people outside the field most often misunderstand about your work?": (
        "¿Qué malinterpretan con más frecuencia sobre su trabajo las personas ajenas a este campo?"
    ),
    "How has your role changed since your first year in it?": (
        "¿Cómo ha cambiado su rol desde su primer año en él?"
    ),
    # Motivation and interest
    "What first drew you to this field, and what has kept you in it?": (
        "¿Qué le atrajo de este campo al principio y qué le ha hecho quedarse en él?"
    ),
    "If you were choosing this path again today, what would you weigh differently?": (
        "Si hoy tuviera que elegir este camino de nuevo, ¿qué valoraría de otra manera?"
    ),
    "Which moments in your career made you feel the work was worth it?": (
        "¿Qué momentos de su carrera le hicieron sentir que el trabajo valía la pena?"
    ),
    "What kind of person tends to thrive in this work, and who tends to leave it?": (
        "¿Qué tipo de persona suele prosperar en este trabajo y quién suele abandonarlo?"
    ),
    "How well does the work still fit the values you had when you started?": (
        "¿En qué medida el trabajo sigue correspondiendo a los valores que tenía cuando comenzó?"
    ),
    "What would make you consider moving to a different field?": (
        "¿Qué le haría considerar cambiarse a otro campo?"
    ),
    # Essential skills and abilities
    "Which abilities separate the people who do well here from those who struggle?": (
        "¿Qué capacidades distinguen a quienes se desempeñan bien aquí de quienes tienen "
        "dificultades?"
    ),
    "Which skills did you have to learn on the job that your studies did not teach you?": (
        "¿Qué habilidades tuvo que aprender en el propio trabajo porque sus estudios no se las "
        "enseñaron?"
    ),
    "How much do formal credentials count in this field, compared with experience?": (
        "¿Cuánto pesan los títulos y las certificaciones formales en este campo, en comparación "
        "con la experiencia?"
    ),
    "If you were a student in my place, which courses or projects would you take on now?": (
        "Si usted fuera estudiante y estuviera en mi lugar, ¿qué cursos tomaría o qué proyectos "
        "emprendería ahora?"
    ),
    (
        "Which of your strengths has mattered most in your career, and which weakness did you have "
        "to work on?"
    ): (
        "¿Cuál de sus fortalezas ha pesado más en su carrera y en qué debilidad tuvo que trabajar?"
    ),
    "How do newcomers show an employer that they have the skills this work needs?": (
        "¿Cómo puede alguien que recién empieza demostrarle a un empleador que tiene las "
        "habilidades que requiere este trabajo?"
    ),
    # Professional development
    "What are the usual first roles in this field, and where do they lead after a few years?": (
        "¿Cuáles suelen ser los primeros puestos en este campo y hacia dónde llevan después de "
        "algunos años?"
    ),
    "How did you decide on your next step at each stage of your career?": (
        "¿Cómo decidió su siguiente paso en cada etapa de su carrera?"
    ),
    "Which experiences, paid or unpaid, best prepare someone to enter this field?": (
        "¿Qué experiencias, remuneradas o no, preparan mejor a alguien para ingresar a este campo?"
    ),
    "How does your organization help people grow, and how much is left to each person?": (
        "¿Cómo ayuda su organización a que las personas crezcan profesionalmente y cuánto queda en "
        "manos de cada persona?"
    ),
    (
        "Which professional groups, certifications or further studies are worth the time, and "
        "which are not?"
    ): (
        "¿Qué asociaciones profesionales, certificaciones o estudios adicionales justifican el "
        "tiempo que exigen y cuáles no?"
    ),
    "What do you wish someone had told you about advancing in this field when you started?": (
        "¿Qué le hubiera gustado que alguien le dijera sobre cómo progresar en este campo cuando "
        "comenzó?"
    ),
    "How common is it to move between employers or sectors, and how does that shape a career?": (
        "¿Qué tan común es cambiar de empleador o de sector, y cómo influye eso en una carrera?"
    ),
    # Lifestyle implications of the work
    "How predictable are your hours, and how do the busy periods affect the rest of your life?": (
        "¿Qué tan predecibles son sus horarios y cómo afectan los períodos de mucho trabajo al "
        "resto de su vida?"
    ),
    "How much does the work follow you home, in your thoughts or on your phone?": (
        "¿Hasta qué punto se lleva el trabajo a casa, en sus pensamientos o en su teléfono?"
    ),
    "How much travel or moving does a career in this field usually involve?": (
        "¿Cuántos viajes o mudanzas suele implicar una carrera en este campo?"
    ),
    "In broad terms, how do earnings usually develop over the first five to ten years?": (
        "A grandes rasgos, ¿cómo suelen evolucionar los ingresos durante los primeros cinco a diez "
        "años?"
    ),
    "How flexible is the work about where and when it gets done?": (
        "¿Qué tan flexible es este trabajo en cuanto a dónde y cuándo se realiza?"
    ),
    "Which trade-offs have you made between this work and other things that matter to you?": (
        "¿Qué concesiones ha hecho entre este trabajo y otras cosas que son importantes para usted?"
    ),
    # Work environment
    "How would you describe your team's culture to someone about to join it?": (
        "¿Cómo le describiría la cultura de su equipo a alguien que está por incorporarse?"
    ),
    "How are decisions made here, and how much say do newer people have?": (
        "¿Cómo se toman las decisiones en su organización y cuánto peso tiene la opinión de "
        "quienes llevan menos tiempo?"
    ),
    (
        "How much of your work is done alone, in a small team, or across many groups, and how does "
        "that suit you?"
    ): (
        "¿Qué parte de su trabajo realiza a solas, en un equipo pequeño o junto a muchos grupos, y "
        "cómo se lleva con esa forma de trabajar?"
    ),
    "What kind of feedback do people get on their work, and how often?": (
        "¿Qué tipo de retroalimentación recibe la gente sobre su trabajo y con qué frecuencia?"
    ),
    (
        "In your experience, how does working for a large organization in this field compare with "
        "a small one?"
    ): (
        "Según su experiencia, ¿en qué se diferencia trabajar para una organización grande de este "
        "campo de hacerlo para una pequeña?"
    ),
    "What makes someone a colleague others want to work with here?": (
        "¿Qué hace que alguien sea la clase de colega con quien los demás quieren trabajar en su "
        "organización?"
    ),
    # Current issues in the industry
    "Which changes in the field worry you most, and which excite you?": (
        "¿Qué cambios en este campo le preocupan más y cuáles le entusiasman?"
    ),
    "How are new technologies changing the way the work is done?": (
        "¿Cómo están cambiando las nuevas tecnologías la forma en que se realiza el trabajo?"
    ),
    "Which organizations or ideas are shaping where the field is heading?": (
        "¿Qué organizaciones o ideas están definiendo el rumbo de este campo?"
    ),
    "How do you expect the demand for people in this field to change over the next five years?": (
        "¿Cómo espera que cambie la demanda de profesionales en este campo durante los próximos "
        "cinco años?"
    ),
    "Which debates in the field should someone entering it understand?": (
        "¿Qué debates de este campo debería comprender alguien que se inicia en él?"
    ),
    "How do economic ups and downs affect this field and the people in it?": (
        "¿Cómo afectan los altibajos de la economía a este campo y a las personas que trabajan en "
        "él?"
    ),
    # Ways to get more information
    "Which publications, podcasts or newsletters do people in the field actually follow?": (
        "¿Qué publicaciones, pódcasts o boletines siguen realmente las personas de este campo?"
    ),
    "Which events, associations or groups would be worth my time as a student?": (
        "¿Qué eventos, asociaciones o grupos valdrían la pena para mí como estudiante?"
    ),
    "What could I do in the next few months to test whether this field suits me?": (
        "¿Qué podría hacer en los próximos meses para comprobar si este campo es adecuado para mí?"
    ),
    "Who else could give me a different view of the field, and may I say you suggested them?": (
        "¿Quién más podría darme otra perspectiva sobre este campo, y puedo mencionar que usted me "
        "sugirió hablar con esa persona?"
    ),
    "Which organizations would you look at if you were exploring this field today?": (
        "¿Qué organizaciones tendría en cuenta si hoy estuviera explorando este campo?"
    ),
    "What should I have asked you today that I did not?": (
        "¿Qué debería haberle preguntado hoy que no le pregunté?"
    ),
}
