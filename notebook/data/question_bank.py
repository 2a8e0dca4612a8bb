"""The starter questions of the question bank, by topic, in the order they are offered.

Open-ended and evaluative: each asks for a judgement or an experience the student could
not read anywhere, and none asks for a job. The data migration loads them once; staff
edit, add, retire and reorder them in admin afterwards. Their Spanish is in
question_bank_es.py.
"""

QUESTION_BANK: dict[str, list[str]] = {
    "work": [
        "Walk me through a recent week: which tasks filled most of it, and which would "
        "surprise someone outside the field?",
        "Which problems do you find yourself solving again and again, and how do you go "
        "about them?",
        "Which part of your work do you find most rewarding, and which would you hand to "
        "someone else if you could?",
        "How is your time split between people, documents or data, and thinking on your own?",
        "What does doing this job well look like, and how do you know when you have?",
        "What do people outside the field most often misunderstand about your work?",
        "How has your role changed since your first year in it?",
    ],
    "motivation": [
        "What first drew you to this field, and what has kept you in it?",
        "If you were choosing this path again today, what would you weigh differently?",
        "Which moments in your career made you feel the work was worth it?",
        "What kind of person tends to thrive in this work, and who tends to leave it?",
        "How well does the work still fit the values you had when you started?",
        "What would make you consider moving to a different field?",
    ],
    "skills": [
        "Which abilities separate the people who do well here from those who struggle?",
        "Which skills did you have to learn on the job that your studies did not teach you?",
        "How much do formal credentials count in this field, compared with experience?",
        "If you were a student in my place, which courses or projects would you take on now?",
        "Which of your strengths has mattered most in your career, and which weakness did "
        "you have to work on?",
        "How do newcomers show an employer that they have the skills this work needs?",
    ],
    "development": [
        "What are the usual first roles in this field, and where do they lead after a few years?",
        "How did you decide on your next step at each stage of your career?",
        "Which experiences, paid or unpaid, best prepare someone to enter this field?",
        "How does your organization help people grow, and how much is left to each person?",
        "Which professional groups, certifications or further studies are worth the time, "
        "and which are not?",
        "What do you wish someone had told you about advancing in this field when you started?",
        "How common is it to move between employers or sectors, and how does that shape a career?",
    ],
    "lifestyle": [
        "How predictable are your hours, and how do the busy periods affect the rest of your life?",
        "How much does the work follow you home, in your thoughts or on your phone?",
        "How much travel or moving does a career in this field usually involve?",
        "In broad terms, how do earnings usually develop over the first five to ten years?",
        "How flexible is the work about where and when it gets done?",
        "Which trade-offs have you made between this work and other things that matter to you?",
    ],
    "environment": [
        "How would you describe your team's culture to someone about to join it?",
        "How are decisions made here, and how much say do newer people have?",
        "How much of your work is done alone, in a small team, or across many groups, and "
        "how does that suit you?",
        "What kind of feedback do people get on their work, and how often?",
        "In your experience, how does working for a large organization in this field "
        "compare with a small one?",
        "What makes someone a colleague others want to work with here?",
    ],
    "industry": [
        "Which changes in the field worry you most, and which excite you?",
        "How are new technologies changing the way the work is done?",
        "Which organizations or ideas are shaping where the field is heading?",
        "How do you expect the demand for people in this field to change over the next five years?",
        "Which debates in the field should someone entering it understand?",
        "How do economic ups and downs affect this field and the people in it?",
    ],
    "more_info": [
        "Which publications, podcasts or newsletters do people in the field actually follow?",
        "Which events, associations or groups would be worth my time as a student?",
        "What could I do in the next few months to test whether this field suits me?",
        "Who else could give me a different view of the field, and may I say you suggested them?",
        "Which organizations would you look at if you were exploring this field today?",
        "What should I have asked you today that I did not?",
    ],
}
