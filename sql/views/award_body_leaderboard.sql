-- Award bodies across the whole warehouse: how many films, entries and wins each accounts for.
create or replace view award_body_leaderboard as

with nominations as (

    select film_id, award_body_id, result
    from fact_nomination

),

award_bodies as (

    select award_body_id, name as award_body, wiki_title
    from dim_award_body

),

final as (

    select
        award_bodies.award_body,
        award_bodies.wiki_title,
        count(distinct nominations.film_id) as films,
        count(*) as nominations,
        count(*) filter (where nominations.result = 'won') as wins
    from nominations
    inner join award_bodies on award_bodies.award_body_id = nominations.award_body_id
    group by all

)

select * from final
order by wins desc, nominations desc, award_body
